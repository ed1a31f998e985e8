/**
 * Channel-neutral outbound messages as Cloud API message objects: text (split above 4096
 * characters), reply buttons, lists, the numbered fallback beyond them, media and templates.
 */
import type { Choice, ChoiceHint, OutboundMessage } from '../channel';
import { renderChoices } from '../choices';
import { splitText as splitAt } from '../split-text';
import { MAX_BUTTON_ID, MAX_INTERACTIVE_BODY, MAX_LIST_BUTTON, MAX_LIST_ROW_ID, MAX_TEXT, WHATSAPP_CAPABILITIES } from './limits';

export type WaMessage = Record<string, unknown>;

/** Splits at paragraph, then line, then word boundaries so no part exceeds `max`. */
export function splitText(text: string, max = MAX_TEXT): string[] {
  return splitAt(text, max);
}

const text = (to: string, body: string): WaMessage => ({ to, type: 'text', text: { body, preview_url: false } });

/** The message objects for one outbound text; more than one when it must be split. */
export function renderText(to: string, said: string, choices: readonly Choice[] = [], hint?: ChoiceHint, listButton = 'Pilih'): WaMessage[] {
  const r = renderChoices(WHATSAPP_CAPABILITIES, said, choices, hint);
  const body = r.text;
  const idsFit = (max: number) => choices.every((c) => c.id.length <= max);
  if (r.mode === 'buttons' && body.length <= MAX_INTERACTIVE_BODY && idsFit(MAX_BUTTON_ID)) {
    return [
      {
        to,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: body },
          action: { buttons: r.choices.map((c) => ({ type: 'reply', reply: { id: c.id, title: c.label } })) },
        },
      },
    ];
  }
  if ((r.mode === 'buttons' || r.mode === 'list') && body.length <= MAX_TEXT && idsFit(MAX_LIST_ROW_ID)) {
    return [
      {
        to,
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: body },
          action: { button: listButton.slice(0, MAX_LIST_BUTTON), sections: [{ rows: choices.map((c) => ({ id: c.id, title: c.label })) }] },
        },
      },
    ];
  }
  const full = r.mode === 'numbered' ? r.text : renderChoices({ ...WHATSAPP_CAPABILITIES, maxButtons: 0, maxListRows: 0 }, said, choices, hint).text;
  return splitText(full).map((part) => text(to, part));
}

export function renderMedia(to: string, message: Extract<OutboundMessage, { kind: 'document' | 'image' }>, mediaId: string): WaMessage {
  if (message.kind === 'image') {
    return { to, type: 'image', image: { id: mediaId, ...(message.caption ? { caption: message.caption } : {}) } };
  }
  return { to, type: 'document', document: { id: mediaId, filename: message.filename, ...(message.caption ? { caption: message.caption } : {}) } };
}

/**
 * Template parameters may not hold new lines, tabs or more than four spaces in a row
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates), and
 * are kept short.
 */
export function templateParameter(value: string, max = 900): string {
  const flat = value.replace(/[\t\r]/g, ' ').replace(/\n+/g, ' · ').replace(/ {4,}/g, '   ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function renderTemplate(to: string, name: string, language: string, parameters: string[]): WaMessage {
  return {
    to,
    type: 'template',
    template: {
      name,
      language: { code: language },
      components: [{ type: 'body', parameters: parameters.map((p) => ({ type: 'text', text: templateParameter(p) })) }],
    },
  };
}
