CREATE SCHEMA "platform";
--> statement-breakpoint
CREATE TABLE "platform"."services" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"names" jsonb NOT NULL,
	"description" text NOT NULL,
	"descriptions" jsonb NOT NULL,
	"icon_svg" text NOT NULL,
	"origin" text NOT NULL,
	"home_url" text NOT NULL,
	"badge_url" text,
	"perks" jsonb NOT NULL,
	"manifest" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "platform"."services" ADD CONSTRAINT "services_id_clients_id_fk" FOREIGN KEY ("id") REFERENCES "oidc"."clients"("id") ON DELETE cascade ON UPDATE no action;