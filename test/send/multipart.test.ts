import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import { multipartBody } from '../../nodes/GreenApi/transport/multipart';

async function collect(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
	return Buffer.concat(chunks);
}

describe('the upload body', () => {
	const bytes = randomBytes(300_000);
	const file = { fileName: 'отчёт "Q3".pdf', mimeType: 'application/pdf', length: bytes.length, open: () => Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]) };

	it('is multipart/form-data a standard parser reads back: fields, file name, type and every byte', async () => {
		const body = multipartBody({ chatId: '71234567890@c.us', caption: 'Привет', quotedMessageId: undefined }, 'file', file);
		const raw = await collect(body.open());
		const form = await new Response(raw, { headers: { 'content-type': body.contentType } }).formData();
		expect(form.get('chatId')).toBe('71234567890@c.us');
		expect(form.get('caption')).toBe('Привет');
		expect(form.has('quotedMessageId')).toBe(false);
		const uploaded = form.get('file') as File;
		// Escaped as browsers do (%22), and read back as it was by a standard parser.
		expect(uploaded.name).toBe('отчёт "Q3".pdf');
		expect(uploaded.type).toBe('application/pdf');
		const received = Buffer.from(await uploaded.arrayBuffer());
		expect(createHash('sha256').update(received).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
	});

	it('states its exact length up front, and opens afresh for every attempt', async () => {
		const body = multipartBody({ chatId: '71234567890@c.us' }, 'file', file);
		const first = await collect(body.open());
		const second = await collect(body.open());
		expect(first.length).toBe(body.length);
		expect(second.equals(first)).toBe(true);
	});

	it('a file name cannot break out of its header', async () => {
		const body = multipartBody({}, 'file', { ...file, fileName: 'a.pdf"\r\nContent-Type: text/html\r\n\r\nx' });
		const form = await new Response(await collect(body.open()), { headers: { 'content-type': body.contentType } }).formData();
		expect((form.get('file') as File).type).toBe('application/pdf');
		expect([...form.keys()]).toEqual(['file']);
	});
});
