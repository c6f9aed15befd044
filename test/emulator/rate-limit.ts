const WINDOW_MS = 1000;

export const DEFAULT_RATE_LIMITS: Readonly<Record<string, number>> = {
	getContactInfo: 1,
	getStateInstance: 1,
	checkWhatsapp: 10,
	getAvatar: 10,
	getContacts: 1,
	getGroupData: 1,
	sendMessage: 50,
	sendFileByUrl: 50,
	sendFileByUpload: 50,
	sendLocation: 50,
	sendContact: 50,
	sendPoll: 50,
	forwardMessages: 50,
	readChat: 10,
	deleteMessage: 10,
	// The newest snapshot of the vendor's table; older ones did not list it.
	editMessage: 1,
	// In no vendor table: grouped with the other chat-service methods (readChat, deleteMessage).
	sendTyping: 10,
	downloadFile: 5,
	sendTextStatus: 5,
	sendVoiceStatus: 5,
	sendMediaStatus: 5,
	deleteStatus: 10,
	getStatusStatistic: 1,
	getIncomingStatuses: 1,
	getOutgoingStatuses: 1,
	showMessagesQueue: 1,
	clearMessagesQueue: 1,
	createGroup: 1,
	updateGroupName: 1,
	addGroupParticipant: 10,
	removeGroupParticipant: 10,
	setGroupAdmin: 10,
	removeAdmin: 10,
	leaveGroup: 10,
	setGroupPicture: 1,
	getSettings: 1,
	setSettings: 1,
	getWaSettings: 1,
	qr: 3,
	reboot: 1,
	logout: 1,
	// One snapshot of the vendor's table says 1; the newer ones and the method's page say once in 10 s.
	setProfilePicture: 0.1,
	getChatHistory: 1,
	getMessage: 10,
	lastIncomingMessages: 1,
	lastOutgoingMessages: 1,
	archiveChat: 10,
	unarchiveChat: 10,
	setDisappearingChat: 1,
	// sendInteractiveButtons(Reply), uploadFile and getMessagesCount are in no vendor table: not limited here.
};

/**
 * Per-method sliding window: a request is accepted when fewer than R accepted requests arrived in
 * the trailing 1000 ms (open at the old end, so exactly 1000 ms apart is allowed). Rejected requests
 * do not enter the window, so a client hammering at 429s is not punished further, as on the vendor.
 */
export class RateLimiter {
	private limits = new Map<string, number>();
	private accepted = new Map<string, number[]>();

	constructor(limits: Record<string, number> = {}) {
		this.configure(limits);
	}

	configure(limits: Record<string, number>): void {
		this.limits.clear();
		this.accepted.clear();
		for (const [method, r] of Object.entries({ ...DEFAULT_RATE_LIMITS })) this.set(method, r);
		for (const [method, r] of Object.entries(limits)) this.set(method, r);
	}

	set(method: string, perSecond: number): void {
		if (Number.isNaN(perSecond) || perSecond < 0) {
			throw new RangeError(`rate limit for ${method} must be >= 0, got ${perSecond}`);
		}
		this.limits.set(method.toLowerCase(), perSecond);
	}

	/** Decides one request completed at `at` (performance.now() ms, non-decreasing); records it if accepted. */
	admit(method: string, at: number): boolean {
		const key = method.toLowerCase();
		const r = this.limits.get(key);
		if (r === undefined || r === 0 || r === Infinity) return true;
		// Fractional rates below 1/s become one request per 1000/R ms.
		const capacity = r >= 1 ? Math.floor(r) : 1;
		const window = r >= 1 ? WINDOW_MS : WINDOW_MS / r;
		let times = this.accepted.get(key);
		if (!times) this.accepted.set(key, (times = []));
		// Arrival times are monotonic (taken when a request is complete), so expiry is from the front.
		while (times.length > 0 && times[0] <= at - window) times.shift();
		if (times.length >= capacity) return false;
		times.push(at);
		return true;
	}
}
