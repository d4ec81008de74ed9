import type { SeededRandom } from './seeded-random';
import type { WecomIds } from './wecom-ids';

/**
 * The type-specific part of each chat-archive record (msgtype and the fields after the common
 * ones), shaped as in WeCom's chat-archive documentation.
 */
export interface RecordBody {
  msgtype: string;
  fields: Record<string, unknown>;
}

export class MessageBodies {
  constructor(
    private readonly rng: SeededRandom,
    private readonly ids: WecomIds,
  ) {}

  text(content: string): RecordBody {
    return { msgtype: 'text', fields: { text: { content } } };
  }

  image(sdkfileid = this.ids.sdkfileid()): RecordBody {
    return { msgtype: 'image', fields: { image: { md5sum: this.ids.md5(), filesize: this.rng.int(40_000, 900_000), sdkfileid } } };
  }

  voice(): RecordBody {
    const seconds = this.rng.int(2, 55);
    return { msgtype: 'voice', fields: { voice: { voice_size: seconds * 1_600, play_length: seconds, md5sum: this.ids.md5(), sdkfileid: this.ids.sdkfileid() } } };
  }

  video(): RecordBody {
    return { msgtype: 'video', fields: { video: { md5sum: this.ids.md5(), filesize: this.rng.int(800_000, 9_000_000), play_length: this.rng.int(8, 90), sdkfileid: this.ids.sdkfileid() } } };
  }

  emotion(): RecordBody {
    const png = this.rng.chance(0.3);
    const side = this.rng.int(120, 240);
    return { msgtype: 'emotion', fields: { emotion: { type: png ? 2 : 1, width: side, height: side, imagesize: this.rng.int(8_000, 90_000), md5sum: this.ids.md5(), sdkfileid: this.ids.sdkfileid() } } };
  }

  file(filename: string): RecordBody {
    const fileext = filename.slice(filename.lastIndexOf('.') + 1);
    return { msgtype: 'file', fields: { file: { filename, fileext, filesize: this.rng.int(60_000, 6_000_000), md5sum: this.ids.md5(), sdkfileid: this.ids.sdkfileid() } } };
  }

  card(corpname: string, userid: string): RecordBody {
    return { msgtype: 'card', fields: { card: { corpname, userid } } };
  }

  location(title: string, address: string): RecordBody {
    const longitude = 104.0 + this.rng.int(0, 1_000) / 10_000;
    const latitude = 30.6 + this.rng.int(0, 1_000) / 10_000;
    return { msgtype: 'location', fields: { location: { longitude, latitude, address, title, zoom: 15 } } };
  }

  link(title: string, description: string): RecordBody {
    const slug = this.rng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 10);
    return { msgtype: 'link', fields: { link: { title, description, link_url: `https://mp.weixin.qq.com/s/${slug}`, image_url: `https://mmbiz.qpic.cn/mmbiz_jpg/${slug}/0` } } };
  }

  weapp(title: string, displayname: string, description = ''): RecordBody {
    return { msgtype: 'weapp', fields: { weapp: { title, description, username: `gh_${this.ids.md5().slice(0, 12)}@app`, displayname } } };
  }

  /** Forwarded history: each item's content is the JSON of the original text body, as WeCom sends it. */
  chatrecord(title: string, lines: readonly string[], msgtime: number): RecordBody {
    const item = lines.map((content, i) => ({ type: 'ChatRecordText', msgtime: Math.floor(msgtime / 1000) - 3_600 + i * 60, content: JSON.stringify({ content }), from_chatroom: false }));
    return { msgtype: 'chatrecord', fields: { chatrecord: { title, item } } };
  }

  todo(title: string, content: string): RecordBody {
    return { msgtype: 'todo', fields: { todo: { title, content } } };
  }

  vote(votetitle: string, voteitem: readonly string[]): RecordBody {
    return { msgtype: 'vote', fields: { vote: { votetitle, voteitem: [...voteitem], votetype: 101, voteid: this.ids.numeric(19) } } };
  }

  collect(roomName: string, creator: string, title: string, questions: readonly string[], msgtime: number): RecordBody {
    const details = questions.map((ques, i) => ({ id: i + 1, ques, type: 'Text' }));
    return { msgtype: 'collect', fields: { collect: { room_name: roomName, creator, create_time: formatTime(msgtime), title, details } } };
  }

  /** External chats carry external_redpacket, with the same body under the `redpacket` key. */
  redpacket(wish: string, totalFen: number, external: boolean, count = 1): RecordBody {
    const body = { type: count > 1 ? 2 : 1, wish, totalcnt: count, totalamount: totalFen };
    return { msgtype: external ? 'external_redpacket' : 'redpacket', fields: { redpacket: body } };
  }

  meeting(topic: string, starttime: number, address: string, remarks: string): RecordBody {
    const start = Math.floor(starttime / 1000);
    return { msgtype: 'meeting', fields: { meeting: { topic, starttime: start, endtime: start + 3_600, address, remarks, meetingtype: 102, meetingid: Number(this.ids.numeric(12)), status: 1 } } };
  }

  docmsg(title: string, creator: string): RecordBody {
    return { msgtype: 'docmsg', fields: { doc: { title, link_url: `https://doc.weixin.qq.com/doc/w3_${this.ids.md5()}`, doc_creator: creator } } };
  }

  markdown(content: string): RecordBody {
    return { msgtype: 'markdown', fields: { info: { content } } };
  }

  news(items: readonly { title: string; description: string }[]): RecordBody {
    const item = items.map(({ title, description }) => ({
      title,
      description,
      url: `https://mp.weixin.qq.com/s/${this.rng.chars('abcdefghijklmnopqrstuvwxyz', 10)}`,
      picurl: `https://mmbiz.qpic.cn/mmbiz_jpg/${this.ids.md5()}/0`,
    }));
    return { msgtype: 'news', fields: { info: { item } } };
  }

  calendar(title: string, creatorname: string, attendeename: readonly string[], starttime: number, place: string, remarks: string): RecordBody {
    const start = Math.floor(starttime / 1000);
    return { msgtype: 'calendar', fields: { calendar: { title, creatorname, attendeename: [...attendeename], starttime: start, endtime: start + 3_600, place, remarks } } };
  }

  /** Text and a picture in one message; each part's content is the JSON of that part's body. */
  mixed(text: string, sdkfileid = this.ids.sdkfileid()): RecordBody {
    const image = { md5sum: this.ids.md5(), filesize: this.rng.int(40_000, 600_000), sdkfileid };
    return { msgtype: 'mixed', fields: { mixed: { item: [{ type: 'text', content: JSON.stringify({ content: text }) }, { type: 'image', content: JSON.stringify(image) }] } } };
  }

  meetingVoiceCall(msgtime: number, sharer: string): RecordBody {
    const end = Math.floor(msgtime / 1000) + this.rng.int(600, 2_400);
    return {
      msgtype: 'meeting_voice_call',
      fields: {
        voiceid: this.ids.md5(),
        meeting_voice_call: {
          endtime: end,
          sdkfileid: this.ids.sdkfileid(),
          demofiledata: [{ filename: '会议演示.pptx', demooperator: sharer, starttime: end - 500, endtime: end - 100 }],
          sharescreendata: [{ share: sharer, starttime: end - 900, endtime: end - 600 }],
        },
      },
    };
  }

  voipDocShare(filename: string): RecordBody {
    return { msgtype: 'voip_doc_share', fields: { voipid: this.ids.md5(), voip_doc_share: { filename, md5sum: this.ids.md5(), filesize: this.rng.int(60_000, 3_000_000), sdkfileid: this.ids.sdkfileid() } } };
  }

  sphfeed(sphName: string, feedDesc: string): RecordBody {
    return { msgtype: 'sphfeed', fields: { sphfeed: { feed_type: 4, sph_name: sphName, feed_desc: feedDesc } } };
  }

  voiptext(): RecordBody {
    return { msgtype: 'voiptext', fields: { info: { callduration: this.rng.int(20, 900), invitetype: 1 } } };
  }

  qydiskfile(filename: string): RecordBody {
    return { msgtype: 'qydiskfile', fields: { info: { filename } } };
  }

  meetingNotification(content: string): RecordBody {
    return { msgtype: 'meeting_notification', fields: { info: { meeting_id: Number(this.ids.numeric(12)), notification_type: 1, content } } };
  }

  agree(userid: string, msgtime: number): RecordBody {
    return { msgtype: 'agree', fields: { agree: { userid, agree_time: msgtime } } };
  }

  disagree(userid: string, msgtime: number): RecordBody {
    return { msgtype: 'disagree', fields: { disagree: { userid, disagree_time: msgtime } } };
  }

  revoke(preMsgid: string): RecordBody {
    return { msgtype: 'revoke', fields: { revoke: { pre_msgid: preMsgid } } };
  }
}

/** WeCom writes collect's create_time as local (UTC+8) "YYYY-MM-DD HH:mm:ss". */
function formatTime(msgtime: number): string {
  return new Date(msgtime + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
