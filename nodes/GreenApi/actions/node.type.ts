import type { AllEntities, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Every resource and its operations: adding an operation starts here. */
type NodeMap = {
	chat: 'getChatHistory' | 'getMessage' | 'lastIncomingMessages' | 'lastOutgoingMessages' | 'archiveChat' | 'unarchiveChat' | 'setDisappearingChat';
	contact: 'getContactInfo' | 'checkWhatsapp' | 'getAvatar' | 'getContacts';
	group: 'getGroupData' | 'createGroup' | 'updateGroupName' | 'addGroupParticipant' | 'removeGroupParticipant' | 'setGroupAdmin' | 'removeAdmin' | 'setGroupPicture' | 'leaveGroup';
	message: 'sendMessage' | 'sendFile' | 'sendLocation' | 'sendContact' | 'sendPoll' | 'forwardMessages' | 'editMessage' | 'deleteMessage' | 'readChat' | 'sendTyping' | 'downloadFile' | 'sendInteractiveButtons' | 'sendInteractiveButtonsReply' | 'sendAndWait';
	queue: 'showMessagesQueue' | 'getMessagesCount' | 'clearMessagesQueue';
	status: 'sendTextStatus' | 'sendVoiceStatus' | 'sendMediaStatus' | 'deleteStatus' | 'getStatusStatistic' | 'getIncomingStatuses' | 'getOutgoingStatuses';
	instance: 'getStateInstance' | 'getSettings' | 'getWaSettings' | 'qr' | 'reboot' | 'logout' | 'setSettings' | 'setProfilePicture';
};

export type GreenApiType = AllEntities<NodeMap>;
export type GreenApiResource = keyof NodeMap;

/** What each `<op>.operation.ts` exports. */
export interface Operation {
	/** Its entry in the Operation list (name, value, action, description). */
	option: INodePropertyOptions;
	/** Its parameters; the resource adds the displayOptions that show them for it. */
	properties: INodeProperties[];
	/** GREEN-API's page for its method: n8n's Docs link is one per node, so each operation links its own. */
	docs: string;
	/** The GREEN-API method the docs link names, when the operation's value is none (sendAndWait). */
	docsMethod?: string;
	/**
	 * Named outputs, when it has more than one; `when`: only while this boolean option is on
	 * (Check WhatsApp's Route by Result). The node's outputs expression is built from these.
	 */
	outputs?: { names: string[]; when?: string };
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]>;
}

export type OperationTable<R extends GreenApiResource> = Record<NodeMap[R], Operation>;
