import { UnrecognizedCredentialTypeError, UnrecognizedNodeTypeError } from 'n8n-core';
import type {
	ICredentialTestFunction,
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers, UserError } from 'n8n-workflow';

export type AnyNodeType = INodeType | IVersionedNodeType;

/** The node-type registry n8n's Workflow and contexts read from (the CLI's NodeTypes, minus loading). */
export class EngineNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, AnyNodeType>) {}

	getByName(nodeType: string): AnyNodeType {
		const type = this.types[nodeType];
		if (!type) {
			const dot = nodeType.lastIndexOf('.');
			throw new UnrecognizedNodeTypeError(
				nodeType.slice(0, Math.max(dot, 0)),
				nodeType.slice(dot + 1),
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]),
		);
	}

	/** Every version of every type, for the credential-test lookup. */
	*allVersions(): Generator<{ typeName: string; type: INodeType }> {
		for (const [typeName, type] of Object.entries(this.types)) {
			if ('nodeVersions' in type) {
				// Newest first, as n8n's CredentialsTester searches.
				const versions = Object.keys(type.nodeVersions)
					.map(Number)
					.sort((a, b) => b - a);
				for (const v of versions) yield { typeName, type: type.nodeVersions[v] };
			} else {
				yield { typeName, type };
			}
		}
	}

	latestVersion(nodeType: string): number {
		const type = this.getByName(nodeType);
		if ('nodeVersions' in type) return type.currentVersion;
		const { version } = type.description;
		return Array.isArray(version) ? Math.max(...version) : version;
	}

	/** The node function named by `testedBy` for that credential type, as CredentialsTester finds it. */
	credentialTest(credentialType: string): ICredentialTestFunction | undefined {
		for (const { type } of this.allVersions()) {
			for (const { name, testedBy } of type.description.credentials ?? []) {
				if (name !== credentialType || !testedBy) continue;
				if (typeof testedBy !== 'string') {
					throw new UserError('Request-based `testedBy` is not supported by the test engine');
				}
				const test = type.methods?.credentialTest?.[testedBy];
				if (test) return test;
			}
		}
		return undefined;
	}

	/** Credential type name -> node types listing it, as n8n's loader fills `supportedNodes`. */
	nodesUsingCredential(credentialType: string): string[] {
		const names = new Set<string>();
		for (const { typeName, type } of this.allVersions()) {
			if (type.description.credentials?.some((c) => c.name === credentialType)) names.add(typeName);
		}
		return [...names];
	}
}

/** The credential-type registry (the CLI's CredentialTypes, minus loading). */
export class EngineCredentialTypes implements ICredentialTypes {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly nodeTypes: EngineNodeTypes,
	) {}

	recognizes(type: string) {
		return type in this.types;
	}

	getByName(type: string): ICredentialType {
		const found = this.types[type];
		if (!found) throw new UnrecognizedCredentialTypeError(type);
		return found;
	}

	getSupportedNodes(type: string) {
		return this.nodeTypes.nodesUsingCredential(type);
	}

	getParentTypes(type: string): string[] {
		return (this.types[type]?.extends ?? []).flatMap((p) => [p, ...this.getParentTypes(p)]);
	}
}
