/**
 * Which bot a token belongs to: a token is "<bot id>:<secret>", and the id part is public (it is
 * the bot's user id). Updates do not name the bot they were sent to, so the Worker's own token
 * says which kelurahan they belong to. https://core.telegram.org/bots/api#authorizing-your-bot
 */
export function botIdOf(token: string | null | undefined): string | null {
  const m = /^(\d{1,20}):\S+$/.exec(token ?? '');
  return m ? m[1]! : null;
}
