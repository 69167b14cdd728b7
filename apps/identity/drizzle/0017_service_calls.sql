CREATE TABLE "platform"."service_call_grants" (
	"caller_id" text NOT NULL,
	"target_id" text NOT NULL,
	"scope" text NOT NULL,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_call_grants_pk" PRIMARY KEY("caller_id","target_id","scope"),
	CONSTRAINT "service_call_grants_status_check" CHECK ("status" IN ('approved', 'pending', 'revoked'))
);
--> statement-breakpoint
ALTER TABLE "platform"."service_call_grants" ADD CONSTRAINT "service_call_grants_caller_id_services_id_fk" FOREIGN KEY ("caller_id") REFERENCES "platform"."services"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "service_call_grants_target_idx" ON "platform"."service_call_grants" USING btree ("target_id");
