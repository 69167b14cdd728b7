CREATE SCHEMA "jobs";
--> statement-breakpoint
CREATE TABLE "jobs"."jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"queue" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"last_error" text,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"dedupe_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "jobs_state_check" CHECK (state in ('pending', 'running', 'done', 'failed', 'cancelled')),
	CONSTRAINT "jobs_attempts_check" CHECK (attempts >= 0 and max_attempts >= 1)
);
--> statement-breakpoint
CREATE INDEX "jobs_queue_state_run_at_idx" ON "jobs"."jobs" USING btree ("queue","state","run_at");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_queue_dedupe_key_key" ON "jobs"."jobs" USING btree ("queue","dedupe_key") WHERE dedupe_key is not null;