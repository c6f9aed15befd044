import { Credentials, getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, UserError } from 'n8n-workflow';

import { resolveCredentialExpressions } from './credential-expressions';
import type { EngineCredentialTypes } from './type-registries';

/**
 * n8n's CredentialsHelper (packages/cli) without the database: the "credentials
 * table" is a map of id -> ciphertext written and read with n8n-core's Credentials
 * class, so every getDecrypted() goes through the real AES round trip. Defaults of
 * the credential type are applied and expressions resolved like the CLI does;
 * overwrites, external secrets, dynamic (per-user) credentials, generic auth,
 * pre-authentication, OAuth and credential inheritance are not modelled: the greenApi credential uses none.
 */
export class EngineCredentialsHelper extends ICredentialsHelper {
	private readonly table = new Map<string, { name: string; type: string; data: string }>();

	constructor(private readonly credentialTypes: EngineCredentialTypes) {
		super();
	}

	/** Encrypts with n8n-core's Credentials (the instance key) and keeps only the ciphertext. */
	async store(id: string, name: string, type: string, data: ICredentialDataDecryptedObject) {
		this.credentialTypes.getByName(type);
		const credentials = new Credentials({ id, name }, type);
		await credentials.setData(data);
		this.table.set(id, { name, type, data: credentials.getDataToSave().data! });
	}

	/** The stored ciphertext, to show that nothing is kept in clear. */
	ciphertext(id: string): string | undefined {
		return this.table.get(id)?.data;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<Credentials> {
		const { id } = nodeCredentials;
		if (!id)
			throw new UserError(`Credential "${nodeCredentials.name}" of type "${type}" has no ID`);
		const row = this.table.get(id);
		if (!row || row.type !== type) {
			throw new UserError(`Credential with ID "${id}" does not exist for type "${type}".`);
		}
		return new Credentials({ id, name: row.name }, row.type, row.data);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = await (await this.getCredentials(nodeCredentials, type)).getData();
		if (raw === true) return data;
		return await this.applyDefaults(
			additionalData,
			data,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** CredentialsHelper.applyDefaultsAndOverwrites, minus the overwrites. */
	async applyDefaults(
		additionalData: IWorkflowExecuteAdditionalData,
		stored: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		resolve?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		return await resolveCredentialExpressions(data, mode, additionalKeys, executeData, resolve);
	}

	/**
	 * The greenApi credential authenticates through the URL path (the node builds it), so
	 * there is no request to change; generic auth, pre-authentication and OAuth, which n8n's
	 * CLI implements here, are left out on purpose: a credential needing them fails loudly.
	 */
	async authenticate(
		_credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		if (this.credentialTypes.getByName(typeName).authenticate) throw new UserError(`The test engine does not model ${typeName}'s authenticate`);
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const { id, name } = await this.getCredentials(nodeCredentials, type);
		await this.store(id!, name, type, data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new UserError('The test engine does not model OAuth');
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		if (!this.credentialTypes.getByName(credentialType).restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes.getByName(type).properties;
	}
}
