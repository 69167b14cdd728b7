-- The social layer (issue 19): friends in groups, friend requests, blocks, mutes and who finds whom.
CREATE SCHEMA "social";
--> statement-breakpoint
CREATE TABLE "social"."friend_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "social"."friendships" (
	"account_id" uuid NOT NULL,
	"friend_id" uuid NOT NULL,
	"group_id" uuid,
	"remark" text,
	"special_care" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "friendships_account_id_friend_id_pk" PRIMARY KEY("account_id","friend_id")
);
--> statement-breakpoint
CREATE TABLE "social"."friend_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_id" uuid NOT NULL,
	"to_id" uuid NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"group_id" uuid,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "friend_requests_status_check" CHECK ("status" IN ('pending', 'accepted', 'declined', 'ignored', 'withdrawn', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "social"."blocks" (
	"blocker_id" uuid NOT NULL,
	"blocked_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "blocks_blocker_id_blocked_id_pk" PRIMARY KEY("blocker_id","blocked_id")
);
--> statement-breakpoint
CREATE TABLE "social"."mutes" (
	"muter_id" uuid NOT NULL,
	"muted_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"until" timestamp with time zone,
	CONSTRAINT "mutes_muter_id_muted_id_pk" PRIMARY KEY("muter_id","muted_id")
);
--> statement-breakpoint
CREATE TABLE "social"."discoverability" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"findable_by_account_number" boolean DEFAULT true NOT NULL,
	"findable_by_handle" boolean DEFAULT true NOT NULL,
	"findable_by_email" boolean DEFAULT false NOT NULL,
	"requests" text DEFAULT 'anyone' NOT NULL,
	"question" text,
	"answer_hash" text,
	"suggestable" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "discoverability_requests_check" CHECK ("requests" IN ('anyone', 'question', 'nobody')),
	CONSTRAINT "discoverability_question_check" CHECK ("requests" <> 'question' OR ("question" IS NOT NULL AND "answer_hash" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "social"."friend_groups" ADD CONSTRAINT "friend_groups_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "social"."friendships" ADD CONSTRAINT "friendships_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "social"."friendships" ADD CONSTRAINT "friendships_friend_id_accounts_id_fk" FOREIGN KEY ("friend_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "social"."friendships" ADD CONSTRAINT "friendships_group_id_friend_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "social"."friend_groups"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "social"."friend_requests" ADD CONSTRAINT "friend_requests_from_id_accounts_id_fk" FOREIGN KEY ("from_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "social"."friend_requests" ADD CONSTRAINT "friend_requests_to_id_accounts_id_fk" FOREIGN KEY ("to_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "social"."friend_requests" ADD CONSTRAINT "friend_requests_group_id_friend_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "social"."friend_groups"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "social"."blocks" ADD CONSTRAINT "blocks_blocker_id_accounts_id_fk" FOREIGN KEY ("blocker_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "social"."blocks" ADD CONSTRAINT "blocks_blocked_id_accounts_id_fk" FOREIGN KEY ("blocked_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "social"."mutes" ADD CONSTRAINT "mutes_muter_id_accounts_id_fk" FOREIGN KEY ("muter_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "social"."mutes" ADD CONSTRAINT "mutes_muted_id_accounts_id_fk" FOREIGN KEY ("muted_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "social"."discoverability" ADD CONSTRAINT "discoverability_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "friend_groups_name_key" ON "social"."friend_groups" USING btree ("account_id",lower("name"));
--> statement-breakpoint
CREATE INDEX "friend_groups_account_idx" ON "social"."friend_groups" USING btree ("account_id","position");
--> statement-breakpoint
CREATE INDEX "friendships_friend_idx" ON "social"."friendships" USING btree ("friend_id");
--> statement-breakpoint
CREATE INDEX "friendships_group_idx" ON "social"."friendships" USING btree ("group_id") WHERE "group_id" is not null;
--> statement-breakpoint
CREATE UNIQUE INDEX "friend_requests_open_key" ON "social"."friend_requests" USING btree ("from_id","to_id") WHERE "status" in ('pending', 'ignored');
--> statement-breakpoint
CREATE INDEX "friend_requests_to_idx" ON "social"."friend_requests" USING btree ("to_id","created_at");
--> statement-breakpoint
CREATE INDEX "friend_requests_from_idx" ON "social"."friend_requests" USING btree ("from_id","created_at");
--> statement-breakpoint
CREATE INDEX "blocks_blocked_idx" ON "social"."blocks" USING btree ("blocked_id");
