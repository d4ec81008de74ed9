/** Every msgtype of WeCom's chat archive that ChatVault knows (issue 3 §1); `switch` records have none. */
export const ARCHIVE_MSGTYPES = [
  'text', 'image', 'revoke', 'agree', 'disagree', 'voice', 'video', 'card', 'location', 'emotion', 'file', 'link', 'weapp', 'chatrecord',
  'todo', 'vote', 'collect', 'redpacket', 'external_redpacket', 'meeting', 'docmsg', 'markdown', 'news', 'calendar', 'mixed',
  'meeting_voice_call', 'voip_doc_share', 'sphfeed', 'voiptext', 'qydiskfile', 'meeting_notification',
] as const;
