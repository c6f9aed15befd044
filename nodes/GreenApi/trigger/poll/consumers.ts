/**
 * One poll loop per GREEN-API instance in this process. GREEN-API hands the queue's head
 * to every caller until it is deleted, so two loops would start two executions for each
 * notification and race to delete it. Across n8n processes nothing can see the other
 * consumer: the README says to publish one polling workflow per instance.
 */

/** Who polls: a node of a workflow, published or its test listener ("Listen for test event"). */
export interface Consumer {
	workflowId: string;
	workflowName: string;
	node: string;
	/** The editor's test listener rather than the published version. */
	manual: boolean;
}

const owners = new Map<string, { owner: Consumer; claim: object }>();

export interface ConsumerClaim {
	release(): void;
}

function sameConsumer(a: Consumer, b: Consumer): boolean {
	return a.workflowId === b.workflowId && a.node === b.node && a.manual === b.manual;
}

const ONE = 'A notification queue can have only one consumer';

/**
 * Names the holder as the user sees it in n8n 2.x (Publish, Unpublish, "Listen for test
 * event"): the test listener of a published workflow meets that same workflow, and calling
 * it "the other workflow" sends the user looking for one that does not exist.
 */
function refusal(idInstance: string, holder: Consumer, claimant: Consumer): string {
	const head = `GREEN-API instance ${idInstance} is already polled by`;
	if (holder.workflowId === claimant.workflowId) {
		if (!holder.manual && claimant.manual) {
			return `${head} the published version of this workflow (node "${holder.node}"). ${ONE}: Unpublish it to test here with "Listen for test event" or "Execute step", or use a second GREEN-API instance for testing.`;
		}
		if (holder.manual && !claimant.manual) {
			return `${head} this workflow's test listener in the editor (node "${holder.node}"). ${ONE}: click Stop Listening there, then publish again.`;
		}
		return `${head} node "${holder.node}" of this workflow. ${ONE}: keep one GREEN-API Trigger per instance, or point this one at a second instance.`;
	}
	const who = `${holder.manual ? 'the test listener of ' : ''}workflow "${holder.workflowName}" (node "${holder.node}")`;
	const todo = holder.manual ? 'stop listening for a test event in that workflow' : 'Unpublish that workflow';
	return `${head} ${who} in this n8n. ${ONE}: ${todo}, or let one workflow receive and call the other (Execute Sub-workflow).`;
}

/** Claims the instance for `owner`, or throws naming who has it and what to do. */
export function claimInstance(instanceKey: string, idInstance: string, owner: Consumer): ConsumerClaim {
	const current = owners.get(instanceKey);
	if (current !== undefined && !sameConsumer(current.owner, owner)) throw new Error(refusal(idInstance, current.owner, owner));
	// The same node may be activated again before n8n closed its previous run: the newer claim wins.
	const claim = {};
	owners.set(instanceKey, { owner, claim });
	return {
		release: () => {
			if (owners.get(instanceKey)?.claim === claim) owners.delete(instanceKey);
		},
	};
}
