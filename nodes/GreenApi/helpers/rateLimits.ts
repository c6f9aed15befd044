/**
 * GREEN-API's own limits per instance and method, requests per second: the default of
 * each operation's "Requests per Second" option. Above them GREEN-API answers 429, and
 * rejects the request (a 429 is never queued). Keys are operation values: Send File's two
 * methods (sendFileByUpload, sendFileByUrl) have 50 each, limited apart.
 */
export const GREEN_API_RATE_LIMITS = {
	getContactInfo: 1,
	checkWhatsapp: 10,
	getAvatar: 10,
	getContacts: 1,
	getGroupData: 1,
	sendMessage: 50,
	sendFile: 50,
	sendLocation: 50,
	sendContact: 50,
	sendPoll: 50,
	forwardMessages: 50,
	// The newest snapshot of the vendor's table says 1 (older ones had none).
	editMessage: 1,
	deleteMessage: 10,
	readChat: 10,
	// In no table of the vendor's: as its neighbour readChat, a conservative guess.
	sendTyping: 10,
	// Shared by Message → Download File and the trigger's Download Media (its fallback for expired links).
	downloadFile: 5,
	// In no table of the vendor's (beta methods): 1/s, the slowest of its send-like methods
	// (editMessage), rather than the sends' 50; a 429 is rejected, never queued, so a low
	// guess costs time, never a duplicate. Raise it in Options → Requests per Second.
	sendInteractiveButtons: 1,
	sendInteractiveButtonsReply: 1,
	// Send and Wait sends one message per execution, with sendMessage (50) or, as buttons,
	// sendInteractiveButtons (1, above): the slower, so either stays within its method's limit.
	sendAndWait: 1,
	// A binary voice/media status uploads (uploadFile, in no table) under its status's limit.
	sendTextStatus: 5,
	sendVoiceStatus: 5,
	sendMediaStatus: 5,
	deleteStatus: 10,
	getStatusStatistic: 1,
	getIncomingStatuses: 1,
	getOutgoingStatuses: 1,
	showMessagesQueue: 1,
	// In no table of the vendor's: a guess. GREEN-API refreshes the count only about every 10 s,
	// so more than one request a second can learn nothing new; a 429 costs time, never data.
	getMessagesCount: 1,
	clearMessagesQueue: 1,
	// Groups, from the vendor's table. createGroup's own page also asks for at most one new group
	// every 5 minutes (WhatsApp blocks accounts that create faster): its hint says so.
	createGroup: 1,
	updateGroupName: 1,
	addGroupParticipant: 10,
	removeGroupParticipant: 10,
	setGroupAdmin: 10,
	removeAdmin: 10,
	leaveGroup: 10,
	setGroupPicture: 1,
	getStateInstance: 1,
	getSettings: 1,
	getWaSettings: 1,
	qr: 3,
	reboot: 1,
	logout: 1,
	setSettings: 1,
	// One snapshot of the vendor's table says 1; the newer ones and the method's own page say
	// once in 10 s (WhatsApp's limit, answered as a 200 "rate-overlimit").
	setProfilePicture: 0.1,
	// Chat: the journals are 1/s, Get Message and (un)archiving 10/s, disappearing messages 1/s.
	getChatHistory: 1,
	getMessage: 10,
	lastIncomingMessages: 1,
	lastOutgoingMessages: 1,
	archiveChat: 10,
	unarchiveChat: 10,
	setDisappearingChat: 1,
} as const satisfies Record<string, number>;

export type LimitedMethod = keyof typeof GREEN_API_RATE_LIMITS;

/** Attempts that upload a file (up to 100 MB) may take longer than a lookup's 30 s. */
export const DEFAULT_TIMEOUT_MS: Partial<Record<LimitedMethod, number>> = { sendFile: 300_000, sendVoiceStatus: 300_000, sendMediaStatus: 300_000, setGroupPicture: 300_000, setProfilePicture: 300_000 };
