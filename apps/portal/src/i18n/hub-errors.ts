type Texts = { [key: string]: string | Texts };

/**
 * The translation with the hub's error texts (hub-errors-en.ts) merged into its `errors`, group by group; a
 * feature's own text for a code wins.
 */
export function withHubErrors<T extends { errors: object }>(translation: T, hubErrors: Texts): T {
  const merge = (base: Texts, extra: Texts): Texts => {
    const out: Texts = { ...base };
    for (const [key, value] of Object.entries(extra)) {
      const mine = out[key];
      if (typeof value === 'string') out[key] = mine ?? value;
      else out[key] = merge(typeof mine === 'object' ? mine : {}, value);
    }
    return out;
  };
  return { ...translation, errors: merge(translation.errors as Texts, hubErrors) };
}
