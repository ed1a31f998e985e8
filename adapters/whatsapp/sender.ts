/**
 * Delivers outbox rows on WhatsApp. Inside the 24-hour window a message goes as it is (text,
 * buttons, list, document, image); outside it, or when Meta answers 131047, an approved template
 * carries the text and invites a reply, which opens the window again. Rate limits, outages and
 * timeouts are thrown back to the delivery job, which retries the row with backoff; an
 * undeliverable number is reported to the caller.
 */
import type { OutboundMessage } from '../channel';
import { RejectedMessageError, UndeliverableError, type ChannelSender, type OutboxDelivery, type PartSent } from '../ports';
import { GraphClient, GraphError } from './client';
import { ERROR, REJECTED_CODES, SERVICE_WINDOW_MS, SETUP_CODES } from './limits';
import { renderMedia, renderTemplate, renderText, type WaMessage } from './render';


/** A message template registered in WhatsApp Manager, for messages outside the 24-hour window. */
export interface TemplateSpec {
  name: string;
  language: string;
  /** The body as registered; {{1}}, {{2}} are the parameters: the account's name, then the text. */
  body: string;
  parameters: string[];
}

export interface WhatsAppSenderDeps {
  now: () => number;
  /** The business number that sends for a tenant, and its name for templates. */
  account(tenantId: string, env: Env): Promise<{ phoneNumberId: string; name: string }>;
  /** The bot's template for a message it must send outside the 24-hour window. */
  template(message: OutboundMessage): TemplateSpec;
  log: (level: 'warn' | 'error', msg: string, fields: Record<string, unknown>) => void;
  /** Per Graph API call; GRAPH_CALL_TIMEOUT_MS unless a test shortens it. */
  callTimeoutMs?: number;
}

export function whatsappSender(deps: WhatsAppSenderDeps): ChannelSender {
  return {
    async send(d: OutboxDelivery, env: Env, partSent: PartSent) {
      const client = new GraphClient(env.WHATSAPP_API_BASE, env.WHATSAPP_ACCESS_TOKEN ?? '', undefined, deps.callTimeoutMs);
      const { phoneNumberId, name } = await deps.account(d.tenantId, env);
      const inWindow = d.lastInboundAt !== null && deps.now() - d.lastInboundAt < SERVICE_WINDOW_MS;
      // Parts that arrived on an earlier try are skipped, and each new one is reported before the
      // next goes out, so a failure halfway repeats nothing the person already has.
      const send = async (messages: WaMessage[]) => {
        let last: string | null = null;
        for (let i = d.partsSent; i < messages.length; i++) {
          last = await client.sendMessage(phoneNumberId, messages[i]!);
          // The last part needs no report of its own: the delivery job marks the row sent with it.
          if (i + 1 < messages.length) await partSent(i + 1, last);
        }
        return { providerMessageId: last, partsSent: messages.length };
      };
      // A template only announces the message; it is no part of it (a deferred document still
      // goes out whole when the window opens).
      const template = () => client.sendMessage(phoneNumberId, templateFor(d.externalId, d.message, name, deps.template(d.message)));
      // A document or image cannot travel in a template: the template announces it, and the
      // file follows when the person replies and the window is open again.
      const deferMedia = async () => ({ providerMessageId: await template(), deferred: d.message.kind !== 'text' });
      try {
        if (!inWindow) return await deferMedia();
        return await send(await render(client, env, phoneNumberId, d));
      } catch (err) {
        if (!(err instanceof GraphError)) throw err;
        if (err.code === ERROR.REENGAGEMENT) return await deferMedia();
        if (err.code === ERROR.UNDELIVERABLE) throw new UndeliverableError(err.code);
        if (err.code !== null && REJECTED_CODES.has(err.code)) throw new RejectedMessageError(err.code, err.message);
        if (err.code === ERROR.TOKEN || err.httpStatus === 401) {
          deps.log('error', 'whatsapp.access_token_rejected', { hint: 'renew WHATSAPP_ACCESS_TOKEN with wrangler secret put', code: err.code });
        } else if (err.code !== null && SETUP_CODES.has(err.code)) {
          deps.log('error', 'whatsapp.setup_refused', { hint: 'check the number id, and the template in WhatsApp Manager', code: err.code });
        } else if (err.code === ERROR.RATE_LIMIT || err.code === ERROR.PAIR_RATE_LIMIT) {
          deps.log('warn', 'whatsapp.rate_limited', { code: err.code });
        }
        throw err;
      }
    },
  };
}

async function render(client: GraphClient, env: Env, phoneNumberId: string, d: OutboxDelivery): Promise<WaMessage[]> {
  const m = d.message;
  if (m.kind === 'text') return renderText(d.externalId, m.text, m.choices ?? [], m.hint);
  // Media Loket sends lives in its private bucket; WhatsApp needs it uploaded first.
  const object = await env.SCANS.get(m.r2Key);
  if (!object) throw new Error(`outbox ${d.outboxId}: ${m.kind} missing from storage`);
  const filename = m.kind === 'document' ? m.filename : 'gambar';
  const mediaId = await client.uploadMedia(phoneNumberId, await object.blob(), m.mimeType, filename);
  return [renderMedia(d.externalId, m, mediaId)];
}

function templateFor(to: string, message: OutboundMessage, account: string, spec: TemplateSpec): WaMessage {
  const text = message.kind === 'text' ? message.text : `${message.caption ?? ''} Ada dokumen untuk Bapak/Ibu.`.trim();
  return renderTemplate(to, spec.name, spec.language, [account, text]);
}
