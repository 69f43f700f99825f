import { attribute, elementById, localName, textOf } from './dom';

/**
 * A button's accessible name, close enough to the accname algorithm for recognising
 * "Enrich" or "Export 73 prospects": aria-labelledby, aria-label, an input's value, the text,
 * then the title. Used only to match names, never shown.
 */
export function accessibleName(element: Element): string {
  const labelledBy = attribute(element, 'aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 10)
      .map((id) => elementById(element, id))
      .map((label) => (label ? textOf(label) : ''))
      .join(' ');
    if (text.trim()) return collapse(text);
  }
  const label = attribute(element, 'aria-label');
  if (label?.trim()) return collapse(label);
  if (localName(element) === 'input') {
    const value = attribute(element, 'value');
    if (value?.trim()) return collapse(value);
  } else {
    const text = textOf(element);
    if (text.trim()) return collapse(text);
  }
  return collapse(attribute(element, 'title') ?? '');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
