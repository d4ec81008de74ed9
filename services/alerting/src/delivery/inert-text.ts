/**
 * Text from chats and the directory made inert for WeCom's markup: textcard descriptions render a few
 * tags and robot markdown renders `<font>` and `<@userid>`, so evidence quoting `<@boss>` would mention
 * someone in the group. Angle brackets become their full-width forms, which read the same and escape
 * nothing, and line breaks become spaces so a line stays one quote or one block.
 */
export function inertText(text: string): string {
  return text.replace(/</g, '＜').replace(/>/g, '＞').replace(/\s*[\r\n]+\s*/g, ' ');
}
