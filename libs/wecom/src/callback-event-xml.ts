/** A decrypted WeCom callback event, shaped like the samples in WeCom's docs: what the simulator and tests encrypt and post. */
export function callbackEventXml(corpId: string, event: string, fields: Record<string, string | string[]>, createTime = Math.floor(Date.now() / 1000)): string {
  const body = Object.entries(fields)
    .map(([name, value]) => (Array.isArray(value) ? `<${name}>${value.map((v) => `<Item>${v}</Item>`).join('')}</${name}>` : `<${name}><![CDATA[${value}]]></${name}>`))
    .join('');
  return `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>${body}</xml>`;
}
