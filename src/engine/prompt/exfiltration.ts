import type { DetectorMatch } from '../detectors';
import { riskMatch } from './match';
import type { PhraseRule } from './phraseRules';

// Markdown images are fetched as soon as a reply is rendered: a URL that carries conversation data sends it
// to the URL's host without a click (the "markdown image exfiltration" seen against Bing Chat, ChatGPT
// plugins and Slack AI). Links need a click but leak the same way.

// URLs may hold a bracketed placeholder with spaces ("?q=[SUMMARY OF THE CHAT]"), which is exactly what matters here.
// Parentheses end the URL: a body that could hold "(" let every "![a](" inside a long line restart the same scan.
// Brackets cannot nest in the alt text either, so that two candidate scans never cover the same characters.
const URL_BODY = String.raw`((?:[^()\s<>\[]|\[[^\[\]\n()]*\])+)`;
const MARKDOWN_IMAGE = new RegExp(
  String.raw`!\[([^\[\]\n]*)\]\(\s*<?` + URL_BODY + String.raw`>?(?:\s+["'][^"'\n]*["'])?\s*\)`,
  'g',
);
const MARKDOWN_LINK = new RegExp(
  String.raw`(?<!!)\[([^\[\]\n]*)\]\(\s*<?` + URL_BODY + String.raw`>?(?:\s+["'][^"'\n]*["'])?\s*\)`,
  'g',
);
const HTML_IMAGE = /<img\b[^<>]*?\bsrc\s*=\s*["']?([^"'\s<>]+)/gi;
/** `[id]: <url> "title"`: the URL is the token after the colon, without its angle brackets. */
const REFERENCE_DEFINITION = /^[ \t]{0,3}\[[^\]\r\n\u2028\u2029]+\]:[ \t]*<?([^\s<>]+)/gm;

/** Template variables and placeholders that a model or a template engine fills in. */
const TEMPLATE_VARIABLE =
  /\{\{[^{}]{1,80}\}\}|\{%[^{}]{1,80}%\}|\$\{[^{}]{1,80}\}|\{[A-Za-z_][\w.]{0,40}\}|%s|<[A-Za-z_][\w ]{0,40}>|\[[A-Z][A-Z_ ]{2,40}\]|\b[A-Z]{2,}(?:_[A-Z]+)+\b/;
/** Conversation or personal data named in a URL ("?q=[SUMMARY OF CHAT]", "&history="). */
const DATA_WORDS =
  /(?:conversation|chat|history|messages?|summary|context|prompt|secret|password|passwd|token|api[_-]?key|session|cookie|e-?mail|ssn|credit|memory|user[_-]?(?:input|data|info)|personal|private|pii)/i;

interface UrlVerdict {
  reason: string;
  confidence: number;
}

function judgeUrl(url: string, isImage: boolean): UrlVerdict | undefined {
  const absolute = /^(?:https?:)?\/\/([^/?#\s]+)/i.exec(url);
  if (!absolute) return undefined;
  const host = absolute[1] ?? '';
  const rest = url.slice(absolute[0].length);
  // A URL that is one variable as a whole ("{{docs_url}}") points somewhere chosen by the app, not at data.
  if (TEMPLATE_VARIABLE.test(host) || rest.length === 0) return undefined;
  const variable = TEMPLATE_VARIABLE.exec(rest);
  const dataWord = DATA_WORDS.exec(rest);
  if (variable && (isImage || dataWord)) {
    return {
      reason: `URL embeds ${variable[0]}${dataWord ? ` (${dataWord[0]})` : ''}`,
      confidence: dataWord ? 0.85 : 0.65,
    };
  }
  if (dataWord && /[?&#=]/.test(rest) && /=\s*(?:$|&|\.\.\.|\[|<|\{|\*)/.test(rest)) {
    return { reason: `query parameter for ${dataWord[0]} left for the model to fill`, confidence: 0.7 };
  }
  return undefined;
}

function scan(text: string, pattern: RegExp, urlGroup: number, isImage: boolean): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  pattern.lastIndex = 0;
  for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
    const url = found[urlGroup] ?? '';
    const verdict = judgeUrl(url, isImage);
    if (!verdict) continue;
    const kindWord = isImage ? 'Markdown image' : 'Link';
    matches.push(
      riskMatch('prompt/exfiltration', found.index, found.index + found[0].length, {
        confidence: verdict.confidence,
        message: `${kindWord} URL can carry conversation data to ${hostOf(url)}`,
        evidence: [verdict.reason, isImage ? 'images load without a click' : 'links send data when followed'],
        details: [`URL: \`${url}\``],
        extra: { url },
      }),
    );
  }
  return matches;
}

function hostOf(url: string): string {
  return /^(?:https?:)?\/\/([^/?#\s]+)/i.exec(url)?.[1] ?? 'another host';
}

/** Markdown images, links, HTML images and reference definitions whose URL carries data. */
export function findExfiltrationUrls(text: string): DetectorMatch[] {
  if (!text.includes('//')) return [];
  return [
    ...scan(text, MARKDOWN_IMAGE, 2, true),
    ...scan(text, MARKDOWN_LINK, 2, false),
    ...scan(text, HTML_IMAGE, 1, true),
    ...scan(text, REFERENCE_DEFINITION, 1, false),
  ];
}

const SENSITIVE =
  "(?:(?:(?:the|this|our|entire|whole|full)\\s+){0,2}(?:conversation|chat(?:\\s+history|\\s+log)?|message\\s+history|previous\\s+(?:messages|answers|conversation)|user'?s?\\s+(?:data|info|information|input|messages?|password|e-?mail|details|credentials)|secrets?|passwords?|api\\s+keys?|credentials|personal\\s+(?:data|information)|memory|memories|everything\\s+(?:above|so\\s+far)))";

export const EXFILTRATION_RULES: PhraseRule[] = [
  {
    id: 'data-into-url',
    code: 'prompt/exfiltration',
    pattern: new RegExp(
      `\\b(?:append|add|include|insert|encode|put|embed|attach|place)\\s+(?:[\\w']+\\s+){0,3}${SENSITIVE}\\s+(?:[\\w']+\\s+){0,6}(?:to|into|in|as|inside)\\s+(?:the\\s+|a\\s+|this\\s+)?(?:url|link|query(?:\\s+string)?|image(?:\\s+url)?|parameters?|https?:)`,
      'g',
    ),
    confidence: 0.8,
    message: 'Instruction to put conversation data into a URL',
    evidence: 'data smuggled out through a link or image',
    negatable: true,
    strong: true,
  },
  {
    id: 'send-data-out',
    code: 'prompt/exfiltration',
    pattern: new RegExp(
      `\\b(?:send|post|upload|transmit|forward|exfiltrate|leak|email|e-mail)\\s+(?:[\\w']+\\s+){0,3}${SENSITIVE}\\s+(?:[\\w']+\\s+){0,3}to\\s+(?:https?:\\/\\/|www\\.|[a-z0-9-]+\\.[a-z]{2,}\\b|[\\w.+-]+@[\\w-]+\\.|this\\s+(?:url|address|endpoint|server|webhook|e-?mail)|the\\s+following\\s+(?:url|address|endpoint|server|webhook|e-?mail)|my\\s+(?:server|webhook|e-?mail|endpoint))`,
      'g',
    ),
    confidence: 0.8,
    message: 'Instruction to send conversation data to an outside address',
    evidence: 'data sent to a third party',
    negatable: true,
    strong: true,
  },
];
