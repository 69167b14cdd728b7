CREATE TABLE "identity"."account_roles" (
	"account_id" uuid NOT NULL,
	"role" text NOT NULL,
	"granted_by" uuid,
	"granted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "account_roles_pkey" PRIMARY KEY("account_id","role")
);
--> statement-breakpoint
ALTER TABLE "identity"."account_roles" ADD CONSTRAINT "account_roles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."account_roles" ADD CONSTRAINT "account_roles_granted_by_accounts_id_fk" FOREIGN KEY ("granted_by") REFERENCES "identity"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_roles_role_idx" ON "identity"."account_roles" USING btree ("role");--> statement-breakpoint
CREATE TABLE "identity"."audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "identity"."audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"actor_account_id" uuid,
	"actor_label" text NOT NULL,
	"via" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"target_label" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"user_agent" text DEFAULT '' NOT NULL,
	CONSTRAINT "audit_log_via_check" CHECK ("via" IN ('console', 'cli', 'system'))
);
--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "identity"."audit_log" USING btree ("at" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "identity"."audit_log" USING btree ("actor_account_id","id" DESC);--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "identity"."audit_log" USING btree ("target_id","id" DESC);--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "identity"."audit_log" USING btree ("action","id" DESC);--> statement-breakpoint
-- The audit log is evidence: an entry is never changed (old entries may be deleted by retention).
CREATE FUNCTION "identity"."audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'identity.audit_log is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "identity"."audit_log"
  FOR EACH ROW EXECUTE FUNCTION "identity"."audit_log_append_only"();--> statement-breakpoint
-- Admins so far were a column on the account: each becomes a row of account_roles before the column goes.
INSERT INTO "identity"."account_roles" ("account_id", "role", "granted_by", "granted_at")
SELECT "id", 'admin', NULL, "created_at" FROM "identity"."accounts" WHERE "role" = 'admin';--> statement-breakpoint
ALTER TABLE "identity"."accounts" DROP COLUMN "role";
