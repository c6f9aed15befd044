/**
 * One poll loop per GREEN-API instance in this process. GREEN-API hands the queue's head
 * to every caller until it is deleted, so two loops would start two executions for each
 * notification and race to delete it. Across n8n processes nothing can see the other
 * consumer: the README says to activate one polling workflow per instance.
 */
const owners = new Map<string, { owner: string; claim: object }>();

export interface ConsumerClaim {
	release(): void;
}

/** Claims the instance for `owner` (a workflow and node name), or throws naming who has it. */
export function claimInstance(instanceKey: string, idInstance: string, owner: string): ConsumerClaim {
	const current = owners.get(instanceKey);
	if (current !== undefined && current.owner !== owner) {
		throw new Error(
			`GREEN-API instance ${idInstance} is already polled by ${current.owner} in this n8n. ` +
				'A notification queue can have only one consumer: deactivate the other workflow, or let one workflow receive and call the other (Execute Workflow).',
		);
	}
	// The same node may be activated again before n8n closed its previous run: the newer claim wins.
	const claim = {};
	owners.set(instanceKey, { owner, claim });
	return {
		release: () => {
			if (owners.get(instanceKey)?.claim === claim) owners.delete(instanceKey);
		},
	};
}
