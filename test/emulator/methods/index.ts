// The methods the emulator serves: one row each, keyed by the path segment in lower case.
import { archiveChat, getChatHistory, getMessage, lastIncomingMessages, lastOutgoingMessages, setDisappearingChat, unarchiveChat } from './chat';
import { deleteMessage, editMessage, readChat, sendTyping } from './chatActions';
import { checkWhatsapp } from './checkWhatsapp';
import { downloadFile } from './downloadFile';
import { getAvatar } from './getAvatar';
import { getContactInfo } from './getContactInfo';
import { getContacts } from './getContacts';
import { getGroupData } from './getGroupData';
import { getStateInstance } from './getStateInstance';
import { addGroupParticipant, createGroup, leaveGroup, removeAdmin, removeGroupParticipant, setGroupAdmin, setGroupPicture, updateGroupName } from './groups';
import { getWaSettings, logout, qr, reboot, setProfilePicture } from './instance';
import { sendInteractiveButtons, sendInteractiveButtonsReply } from './interactiveButtons';
import type { MethodHandler } from './method';
import { clearMessagesQueue, getMessagesCount, showMessagesQueue } from './queue';
import { sendFileByUpload } from './sendFileByUpload';
import { forwardMessages, sendContact, sendFileByUrl, sendLocation, sendMessage, sendPoll } from './sending';
import { deleteStatus, getIncomingStatuses, getOutgoingStatuses, getStatusStatistic, sendMediaStatus, sendTextStatus, sendVoiceStatus, uploadFile } from './statuses';

export type { MethodHandler, MethodRequest } from './method';

/** The methods that put a new message into a chat: the ones the correspondents quota counts. */
export const SEND_METHODS: ReadonlySet<string> = new Set(
	[sendMessage, sendFileByUrl, sendFileByUpload, sendLocation, sendContact, sendPoll, forwardMessages, sendInteractiveButtons, sendInteractiveButtonsReply].map((handler) => handler.name),
);

export const METHODS: Readonly<Record<string, MethodHandler>> = Object.fromEntries(
	[
		getContactInfo,
		getStateInstance,
		checkWhatsapp,
		getAvatar,
		getContacts,
		getGroupData,
		sendMessage,
		sendFileByUrl,
		sendFileByUpload,
		sendLocation,
		sendContact,
		sendPoll,
		forwardMessages,
		editMessage,
		deleteMessage,
		readChat,
		sendTyping,
		downloadFile,
		sendInteractiveButtons,
		sendInteractiveButtonsReply,
		sendTextStatus,
		sendVoiceStatus,
		sendMediaStatus,
		deleteStatus,
		uploadFile,
		getStatusStatistic,
		getIncomingStatuses,
		getOutgoingStatuses,
		showMessagesQueue,
		getMessagesCount,
		clearMessagesQueue,
		createGroup,
		updateGroupName,
		addGroupParticipant,
		removeGroupParticipant,
		setGroupAdmin,
		removeAdmin,
		leaveGroup,
		setGroupPicture,
		getWaSettings,
		qr,
		reboot,
		logout,
		setProfilePicture,
		getChatHistory,
		getMessage,
		lastIncomingMessages,
		lastOutgoingMessages,
		archiveChat,
		unarchiveChat,
		setDisappearingChat,
	].map((handler) => [handler.name.toLowerCase(), handler]),
);
