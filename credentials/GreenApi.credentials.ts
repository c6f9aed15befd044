import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * GREEN-API instance access. The credential is checked by the GREEN-API node's
 * `greenApiCredentialTest` (see nodes/GreenApi/credentialTest.ts): a declarative `test`
 * here would take precedence in n8n and could not name the instance state or redact
 * the token, which sits in the URL path.
 */
export class GreenApi implements ICredentialType {
	name = 'greenApi';

	// The vendor's name already ends in API; "GREEN-API API" would only stutter. "WhatsApp" in
	// it, because n8n's credential chooser searches display names only.
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api
	displayName = 'GREEN-API (WhatsApp)';

	icon: Icon = { light: 'file:../icons/greenApi.svg', dark: 'file:../icons/greenApi.dark.svg' };

	documentationUrl = 'https://green-api.com/en/docs/before-start/';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			// No default: GREEN-API serves each instance from its own host, and a prefilled
			// general host answers 403 for many of them, an error users cannot decode.
			default: '',
			required: true,
			placeholder: 'https://7105.api.greenapi.com',
			hint: 'Copy apiUrl from your instance in the GREEN-API console',
		},
		{
			displayName: 'Media URL',
			name: 'mediaUrl',
			type: 'string',
			// Optional, so that credentials saved before it existed keep working: for GREEN-API's
			// own hosts it is derived from the API URL (7105.api… → 7105.media…).
			default: '',
			placeholder: 'https://7105.media.greenapi.com',
			hint: 'Optional: copy mediaUrl from the console, or leave empty to derive it',
			description:
				'Where files from n8n binary data are uploaded. Needed only when the API URL is not one of GREEN-API\'s own hosts (a proxy, a local emulator)',
		},
		{
			displayName: 'Instance ID',
			name: 'idInstance',
			type: 'string',
			default: '',
			required: true,
			// Not the emulator's id (1101000001): a placeholder must never look like working data.
			placeholder: '1101123456',
			description: 'The idInstance shown in the GREEN-API console',
		},
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The apiTokenInstance shown in the GREEN-API console',
		},
	];
}
