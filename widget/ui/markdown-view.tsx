import type { ComponentChildren } from 'preact';
import { parseMarkdown, type Block, type Inline } from './markdown.ts';

/** Renders a guide body: text nodes and a fixed set of elements only, never `innerHTML`. */
export function Markdown({ text }: { text: string }) {
  return <>{parseMarkdown(text).map(block)}</>;
}

function block(b: Block, key: number) {
  if (b.t === 'p') return <p key={key}>{inlines(b.c)}</p>;
  const items = b.items.map((item, i) => <li key={i}>{inlines(item)}</li>);
  return b.t === 'ul' ? <ul key={key}>{items}</ul> : <ol key={key}>{items}</ol>;
}

function inlines(nodes: Inline[]): ComponentChildren {
  return nodes.map((node, key) => {
    if (typeof node === 'string') return node;
    if (node.t === 'br') return <br key={key} />;
    if (node.t === 'b') return <strong key={key}>{inlines(node.c)}</strong>;
    if (node.t === 'i') return <em key={key}>{inlines(node.c)}</em>;
    if (node.t !== 'a') return null;
    return (
      <a key={key} href={node.href} target="_blank" rel="noopener noreferrer">
        {inlines(node.c)}
      </a>
    );
  });
}
