// The name and MIME type a received file gets, whatever the message and its host say.
import { describeFile } from '../../nodes/GreenApi/helpers/mediaFile';

describe('describeFile', () => {
	it('takes the message\'s MIME type without its parameters, so a voice note is audio/ogg, named .ogg for transcription services', () => {
		expect(describeFile({ messageId: 'M1', fileName: 'a1b2.oga', mimeType: 'audio/ogg; codecs=opus' }, { mimeType: 'application/octet-stream' })).toEqual({ fileName: 'a1b2.ogg', mimeType: 'audio/ogg' });
		expect(describeFile({ messageId: 'M1', fileName: 'a1b2.opus', mimeType: 'audio/ogg; codecs=opus' }, {}).fileName).toBe('a1b2.ogg');
		expect(describeFile({ messageId: 'M1', fileName: 'song.mp3', mimeType: 'audio/mpeg' }, {}).fileName).toBe('song.mp3');
	});

	it('falls back to the host\'s type (unless it only says "bytes"), then to the extension, then to application/octet-stream', () => {
		expect(describeFile(undefined, { mimeType: 'image/png; charset=binary', linkName: 'x.bin' }).mimeType).toBe('image/png');
		expect(describeFile(undefined, { mimeType: 'application/octet-stream', linkName: 'clip.mp4' }).mimeType).toBe('video/mp4');
		expect(describeFile(undefined, { mimeType: 'not a type', linkName: 'data.xyz' })).toEqual({ fileName: 'data.xyz', mimeType: 'application/octet-stream' });
	});

	it('names the file by the message, else the link, else the message ID, with the extension its type has when it has none', () => {
		expect(describeFile({ messageId: 'M1', fileName: 'Invoice 42.pdf', mimeType: 'application/pdf' }, { linkName: 'uuid.pdf' }).fileName).toBe('Invoice 42.pdf');
		expect(describeFile({ messageId: 'M1', mimeType: 'image/jpeg' }, { linkName: 'f3f4.jpeg' }).fileName).toBe('f3f4.jpeg');
		expect(describeFile({ messageId: 'BAE5F00D', mimeType: 'image/webp' }, {}).fileName).toBe('BAE5F00D.webp');
		expect(describeFile(undefined, {})).toEqual({ fileName: 'file', mimeType: 'application/octet-stream' });
	});

	it('keeps a sender\'s name to one harmless path segment: no directories, no control characters', () => {
		expect(describeFile({ messageId: 'M1', fileName: '../../etc/passwd', mimeType: 'text/plain' }, {}).fileName).toBe('passwd');
		expect(describeFile({ messageId: 'M1', fileName: 'C:\\Users\\me\\cv.docx\u0000\n', mimeType: 'application/msword' }, {}).fileName).toBe('cv.docx');
		expect(describeFile({ messageId: 'M1', fileName: 'x'.repeat(500), mimeType: 'application/pdf' }, {}).fileName).toHaveLength(204);
	});
});
