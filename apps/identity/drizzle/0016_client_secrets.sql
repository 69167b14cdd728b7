CREATE TABLE "oidc"."client_secrets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "oidc"."client_secrets" ADD CONSTRAINT "client_secrets_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "oidc"."clients"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "client_secrets_client_idx" ON "oidc"."client_secrets" USING btree ("client_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "client_secrets_current_idx" ON "oidc"."client_secrets" USING btree ("client_id") WHERE "expires_at" IS NULL;
--> statement-breakpoint
INSERT INTO "oidc"."client_secrets" ("client_id", "secret_hash", "created_at")
	SELECT "id", "secret_hash", "updated_at" FROM "oidc"."clients" WHERE "secret_hash" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "oidc"."clients" DROP COLUMN "secret_hash";
