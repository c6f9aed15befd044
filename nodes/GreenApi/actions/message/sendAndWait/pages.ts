import type { Field, Page } from './form';

/**
 * The pages a tap on a link opens. Plain HTML and CSS, no script: a GET only ever shows a
 * page, and only its form's POST (a person pressing the button) records an answer, so the
 * preview robot WhatsApp sends to every link cannot answer for anyone.
 */

/** Sandboxed like n8n's own forms; no script may run, the form may post. */
export const PAGE_CSP = "sandbox allow-forms; default-src 'none'; style-src 'unsafe-inline'";

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f0f2f5;margin:0;padding:24px;color:#111b21}
.card{max-width:440px;margin:40px auto;background:#fff;border-radius:12px;padding:28px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:20px;margin:0 0 12px}p{color:#54656f;line-height:1.45;white-space:pre-wrap}
label{display:block;margin:16px 0 6px;font-weight:600}input,textarea,select{width:100%;box-sizing:border-box;padding:10px;border:1px solid #d1d7db;border-radius:8px;font:inherit}
textarea{min-height:110px}button{margin-top:20px;width:100%;padding:12px;border:0;border-radius:24px;font-size:16px;font-weight:600;color:#fff;background:#008069;cursor:pointer}
button.no{background:#54656f}.problem{color:#b42318;font-weight:600}.done{font-size:40px;text-align:center;margin:0}`;

function layout(title: string, body: string): string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main class="card">${body}</main></body></html>`;
}

/** The choice behind an approval link, as a button: opening the link alone records nothing. */
export function approvalPage(page: Page & { kind: 'approval' }, action: string): string {
	const cls = page.approved ? '' : ' class="no"';
	return layout(page.label, `<h1>${escapeHtml(page.label)}?</h1><p>Press the button to send this answer. Nothing is recorded until you do.</p><form method="post" action="${escapeHtml(action)}"><button type="submit"${cls}>${escapeHtml(page.label)}</button></form>`);
}

function input(field: Field, index: number): string {
	const name = `field-${index}`;
	const required = field.required ? ' required' : '';
	const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
	const attributes = `id="${name}" name="${name}"${required}${placeholder}`;
	if (field.type === 'textarea') return `<textarea ${attributes}></textarea>`;
	if (field.type === 'dropdown') {
		const options = (field.options ?? []).map((option) => `<option value="${escapeHtml(option)}">${escapeHtml(option)}</option>`).join('');
		return `<select id="${name}" name="${name}"${required}><option value="">Choose…</option>${options}</select>`;
	}
	const type = field.type === 'text' ? 'text' : field.type;
	return `<input type="${type}" ${attributes}${field.type === 'number' ? ' step="any"' : ''}>`;
}

export function formPage(page: Page & { kind: 'form' }, action: string, problem?: string): string {
	const fields = page.fields.map((field, index) => `<label for="field-${index}">${escapeHtml(field.label)}${field.required ? ' *' : ''}</label>${input(field, index)}`).join('');
	const note = problem ? `<p class="problem">${escapeHtml(problem)}</p>` : '';
	const description = page.description ? `<p>${escapeHtml(page.description)}</p>` : '';
	return layout(page.title, `<h1>${escapeHtml(page.title)}</h1>${description}${note}<form method="post" action="${escapeHtml(action)}">${fields}<button type="submit">${escapeHtml(page.button)}</button></form>`);
}

export const RECORDED_PAGE = layout('Answer recorded', '<p class="done">✓</p><h1>Got it, thanks</h1><p>Your answer was recorded. You can close this page.</p>');

export function messagePage(title: string, text: string): string {
	return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}
