-- What the access tokens a client gets are signed with: RS256 (every client so far) or ES256, chosen per client
-- as Keycloak's "access token signature algorithm" is. ES256 signs several times faster than RS256.
ALTER TABLE "oidc"."clients" ADD COLUMN "access_token_signed_response_alg" text DEFAULT 'RS256' NOT NULL;
