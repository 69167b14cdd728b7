import { highlight } from '@orbit/search';
import { useMemo } from 'react';

/**
 * Text with what a search matched in `<mark>`, found by `@orbit/search` with the same rules the server
 * searched by (so `中文` marks the two characters inside `这是中文内容测试`). Rendered as text nodes, never as
 * HTML, so mail content cannot inject markup.
 */
export function Highlighted({ text, query }: { text: string; query: string }) {
  const segments = useMemo(() => (query ? highlight(text, query) : []), [text, query]);
  if (!query) return <>{text}</>;
  let offset = 0;
  return (
    <>
      {segments.map((segment) => {
        const key = offset;
        offset += segment.text.length;
        return segment.match ? (
          <mark key={key} className="search-hit" data-testid="search-hit">
            {segment.text}
          </mark>
        ) : (
          <span key={key}>{segment.text}</span>
        );
      })}
    </>
  );
}
