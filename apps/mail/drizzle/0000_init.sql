CREATE SCHEMA "mail";
--> statement-breakpoint
CREATE TABLE "mail"."attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail"."idempotency_keys" (
	"owner_sub" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"message_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_owner_sub_key_pk" PRIMARY KEY("owner_sub","key")
);
--> statement-breakpoint
CREATE TABLE "mail"."message_attachments" (
	"message_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "message_attachments_message_id_attachment_id_pk" PRIMARY KEY("message_id","attachment_id")
);
--> statement-breakpoint
CREATE TABLE "mail"."messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_sub" uuid NOT NULL,
	"folder" text NOT NULL,
	"previous_folder" text,
	"read" boolean DEFAULT false NOT NULL,
	"starred" boolean DEFAULT false NOT NULL,
	"thread_id" uuid NOT NULL,
	"send_id" uuid,
	"in_reply_to_send_id" uuid,
	"from_address" jsonb NOT NULL,
	"to_addresses" jsonb NOT NULL,
	"cc_addresses" jsonb NOT NULL,
	"draft_to" text[],
	"draft_cc" text[],
	"subject" text NOT NULL,
	"body_html" text NOT NULL,
	"body_text" text NOT NULL,
	"snippet" text NOT NULL,
	"participants" text NOT NULL,
	"size" bigint NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (
  setweight(to_tsvector('simple', coalesce(subject, '')), 'A') ||
  setweight(to_tsvector('simple', coalesce(participants, '')), 'B') ||
  setweight(to_tsvector('simple', left(coalesce(body_text, ''), 200000)), 'C')) STORED NOT NULL,
	CONSTRAINT "messages_folder_check" CHECK ("mail"."messages"."folder" in ('inbox', 'sent', 'drafts', 'trash')),
	CONSTRAINT "messages_previous_folder_check" CHECK ("mail"."messages"."previous_folder" is null or "mail"."messages"."previous_folder" in ('inbox', 'sent', 'drafts')),
	CONSTRAINT "messages_size_check" CHECK ("mail"."messages"."size" >= 0)
);
--> statement-breakpoint
CREATE TABLE "mail"."send_counts" (
	"owner_sub" uuid NOT NULL,
	"window" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "send_counts_owner_sub_window_pk" PRIMARY KEY("owner_sub","window"),
	CONSTRAINT "send_counts_window_check" CHECK ("mail"."send_counts"."window" in ('minute', 'day'))
);
--> statement-breakpoint
ALTER TABLE "mail"."message_attachments" ADD CONSTRAINT "message_attachments_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "mail"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail"."message_attachments" ADD CONSTRAINT "message_attachments_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "mail"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "mail"."idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "message_attachments_attachment_idx" ON "mail"."message_attachments" USING btree ("attachment_id");--> statement-breakpoint
CREATE INDEX "messages_owner_folder_date_idx" ON "mail"."messages" USING btree ("owner_sub","folder","date","id");--> statement-breakpoint
CREATE INDEX "messages_owner_date_idx" ON "mail"."messages" USING btree ("owner_sub","date","id");--> statement-breakpoint
CREATE INDEX "messages_owner_thread_idx" ON "mail"."messages" USING btree ("owner_sub","thread_id");--> statement-breakpoint
CREATE INDEX "messages_owner_send_idx" ON "mail"."messages" USING btree ("owner_sub","send_id");--> statement-breakpoint
CREATE INDEX "messages_unread_idx" ON "mail"."messages" USING btree ("owner_sub") WHERE "mail"."messages"."folder" = 'inbox' and not "mail"."messages"."read";--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "mail"."messages" USING gin ("search");