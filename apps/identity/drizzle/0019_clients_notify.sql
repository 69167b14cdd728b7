-- Every change to a client's registration or secrets is announced on 'orbit_oidc_clients' when it commits, so the
-- client cache of every hub instance (oidc/clients/cache.ts) starts again, whoever made the change: the admin
-- console, the service registry, the CLI or another instance. Per statement: a cache only needs to know that
-- something changed.
CREATE FUNCTION "oidc"."notify_clients_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('orbit_oidc_clients', TG_TABLE_NAME);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "clients_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "oidc"."clients"
  FOR EACH STATEMENT EXECUTE FUNCTION "oidc"."notify_clients_changed"();--> statement-breakpoint
CREATE TRIGGER "client_secrets_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "oidc"."client_secrets"
  FOR EACH STATEMENT EXECUTE FUNCTION "oidc"."notify_clients_changed"();
