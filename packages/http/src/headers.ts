import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers for an Orbit server whose pages come from its own origin: a strict Content-Security-Policy
 * (scripts only from itself, no framing, forms only to itself and `formAction` extras), `nosniff`, and HSTS
 * when served over https. A route may set a stricter policy of its own.
 */
export function orbitSecureHeaders(options: { https: boolean; formAction?: string[]; imgSrc?: string[] }) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...(options.imgSrc ?? [])],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'", ...(options.formAction ?? [])],
      objectSrc: ["'none'"],
    },
    strictTransportSecurity: options.https ? 'max-age=31536000; includeSubDomains' : false,
    overwrite: false,
  });
}
