import type { CardKind } from './cardKind';
import { normalizeTitle, type Heading } from './outline';

/** A section every card of a kind must have, the names it goes by, and where it belongs when inserted. */
export interface RequiredSection {
  id: 'bias' | 'out-of-scope' | 'personal-information';
  /** The Hugging Face template's heading. */
  title: string;
  /** Normalised titles that count as this section. */
  aliases: string[];
  /** Why a reader needs it. */
  why: string;
}

const BIAS: RequiredSection = {
  id: 'bias',
  title: 'Bias, Risks, and Limitations',
  aliases: [
    'bias risks and limitations',
    'bias risks limitations',
    'risks and limitations',
    'bias and limitations',
    'limitations and bias',
    'limitations and biases',
    'ethical considerations',
  ],
  why: 'readers need the known biases, risks and limitations before they rely on it',
};

const OUT_OF_SCOPE: RequiredSection = {
  id: 'out-of-scope',
  title: 'Out-of-Scope Use',
  aliases: [
    'out of scope use',
    'out of scope uses',
    'out of scope use cases',
    'misuse and out of scope use',
    'misuse malicious use and out of scope use',
  ],
  why: 'it says what the model or data must not be used for',
};

const PERSONAL_INFORMATION: RequiredSection = {
  id: 'personal-information',
  title: 'Personal and Sensitive Information',
  aliases: [
    'personal and sensitive information',
    'personal and sensitive data',
    'personal information',
    'sensitive information',
    'personal and sensitive data in the training data',
  ],
  why: 'it says whether the data identifies people or holds sensitive attributes',
};

export function requiredSections(kind: CardKind): RequiredSection[] {
  return kind === 'model' ? [BIAS, OUT_OF_SCOPE] : [BIAS, OUT_OF_SCOPE, PERSONAL_INFORMATION];
}

export function findSection(headings: readonly Heading[], section: RequiredSection): Heading | undefined {
  return headings.find((heading) => section.aliases.includes(normalizeTitle(heading.title)));
}

export function requiredSectionById(id: string): RequiredSection | undefined {
  return [BIAS, OUT_OF_SCOPE, PERSONAL_INFORMATION].find((section) => section.id === id);
}
