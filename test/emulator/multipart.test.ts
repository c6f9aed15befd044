import { createHash } from 'node:crypto';
import { boundaryOf, MultipartParser } from './multipart';
import type { UploadForm } from './multipart';

const BOUNDARY = 'XyZ';
// Near-misses of the delimiter (a body may never contain the delimiter itself, RFC 2046).
const FILE = Buffer.from('a\r\n--XyNOT\r\n--Xy\r\n-\r\n--xyZ\r--XyZ\n--XyZ\u00ff'.repeat(3), 'latin1');

function body(): Buffer {
	return Buffer.concat([
		Buffer.from(`preamble\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="chatId"\r\n\r\n71234567890@c.us\r\n`),
		Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="caption"\r\n\r\nЛинии\r\nдве\r\n`),
		Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a \\"b\\".txt"\r\nContent-Type: text/plain\r\n\r\n`),
		FILE,
		Buffer.from(`\r\n--${BOUNDARY}--\r\nepilogue`),
	]);
}

function parse(chunkSize: number, limits = { maxFileBytes: 1e6, keepBytes: 1e6 }): ReturnType<MultipartParser['end']> {
	const parser = new MultipartParser(BOUNDARY, limits);
	const whole = body();
	for (let i = 0; i < whole.length; i += chunkSize) parser.write(whole.subarray(i, i + chunkSize));
	return parser.end();
}

describe('the streaming multipart parser', () => {
	it.each([1, 2, 3, 5, 7, 64, 100_000])('finds every part the same way in chunks of %i bytes', (chunkSize) => {
		const form = parse(chunkSize) as UploadForm;
		expect(form.fields).toEqual({ chatId: '71234567890@c.us', caption: 'Линии\r\nдве' });
		expect(form.file).toMatchObject({ field: 'file', filename: 'a "b".txt', mimeType: 'text/plain', size: FILE.length });
		expect(form.file?.sha256).toBe(createHash('sha256').update(FILE).digest('hex'));
		expect(form.file?.bytes?.equals(FILE)).toBe(true);
	});

	it('reports a truncated body as malformed and a file over the cap as tooLarge', () => {
		const parser = new MultipartParser(BOUNDARY, { maxFileBytes: 1e6, keepBytes: 0 });
		parser.write(body().subarray(0, 150));
		expect(parser.end()).toBe('malformed');
		expect(parse(10, { maxFileBytes: FILE.length - 1, keepBytes: 0 })).toBe('tooLarge');
	});

	it('reads the boundary from the Content-Type, quoted or not', () => {
		expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
		expect(boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="a b"')).toBe('a b');
		expect(boundaryOf('application/json')).toBeUndefined();
		expect(boundaryOf(undefined)).toBeUndefined();
	});
});
