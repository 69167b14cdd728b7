CREATE SCHEMA "space";
--> statement-breakpoint
CREATE TABLE "space"."albums" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_sub" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"cover_photo_id" uuid,
	"audience" jsonb NOT NULL,
	"photo_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space"."comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"parent_id" uuid,
	"author_sub" text NOT NULL,
	"reply_to_sub" text,
	"body" text NOT NULL,
	"mentions" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space"."likes" (
	"post_id" uuid NOT NULL,
	"sub" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "likes_post_id_sub_pk" PRIMARY KEY("post_id","sub")
);
--> statement-breakpoint
CREATE TABLE "space"."photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_sub" text NOT NULL,
	"album_id" uuid,
	"post_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"caption" text DEFAULT '' NOT NULL,
	"format" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"stored_bytes" bigint NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space"."posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_sub" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"title" text,
	"body" text NOT NULL,
	"body_html" text NOT NULL,
	"cover_photo_id" uuid,
	"shared_post_id" uuid,
	"link" jsonb,
	"audience" jsonb NOT NULL,
	"mentions" text[] DEFAULT '{}'::text[] NOT NULL,
	"pinned_at" timestamp with time zone,
	"like_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"search" "tsvector",
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "space"."reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reporter_sub" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"target_owner_sub" text NOT NULL,
	"excerpt" text NOT NULL,
	"reason" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space"."orbit_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"sub" text NOT NULL,
	"sid" text,
	"user" jsonb NOT NULL,
	"id_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space"."settings" (
	"owner_sub" text PRIMARY KEY NOT NULL,
	"theme" text DEFAULT 'classic' NOT NULL,
	"last_audience" jsonb,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space"."timeline" (
	"viewer_sub" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"post_id" uuid NOT NULL,
	"owner_sub" text NOT NULL,
	CONSTRAINT "timeline_viewer_sub_published_at_post_id_pk" PRIMARY KEY("viewer_sub","published_at","post_id")
);
--> statement-breakpoint
CREATE TABLE "space"."visits" (
	"owner_sub" text NOT NULL,
	"visitor_sub" text NOT NULL,
	"last_visit_at" timestamp with time zone NOT NULL,
	"visit_count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "visits_owner_sub_visitor_sub_pk" PRIMARY KEY("owner_sub","visitor_sub")
);
--> statement-breakpoint
ALTER TABLE "space"."comments" ADD CONSTRAINT "comments_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "space"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space"."comments" ADD CONSTRAINT "comments_parent_id_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "space"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space"."likes" ADD CONSTRAINT "likes_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "space"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space"."timeline" ADD CONSTRAINT "timeline_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "space"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "albums_owner_idx" ON "space"."albums" USING btree ("owner_sub","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "comments_post_idx" ON "space"."comments" USING btree ("post_id","created_at");--> statement-breakpoint
CREATE INDEX "comments_author_idx" ON "space"."comments" USING btree ("author_sub");--> statement-breakpoint
CREATE INDEX "likes_sub_idx" ON "space"."likes" USING btree ("sub");--> statement-breakpoint
CREATE INDEX "photos_owner_idx" ON "space"."photos" USING btree ("owner_sub","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "photos_album_idx" ON "space"."photos" USING btree ("album_id","position") WHERE "space"."photos"."album_id" is not null;--> statement-breakpoint
CREATE INDEX "photos_post_idx" ON "space"."photos" USING btree ("post_id","position") WHERE "space"."photos"."post_id" is not null;--> statement-breakpoint
CREATE INDEX "posts_owner_published_idx" ON "space"."posts" USING btree ("owner_sub","published_at" DESC NULLS LAST,"id") WHERE "space"."posts"."status" = 'published';--> statement-breakpoint
CREATE INDEX "posts_owner_drafts_idx" ON "space"."posts" USING btree ("owner_sub","updated_at" DESC NULLS LAST) WHERE "space"."posts"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "posts_search_idx" ON "space"."posts" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_once_idx" ON "space"."reports" USING btree ("reporter_sub","target_type","target_id");--> statement-breakpoint
CREATE INDEX "reports_open_idx" ON "space"."reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "orbit_sessions_sid_idx" ON "space"."orbit_sessions" USING btree ("sid");--> statement-breakpoint
CREATE INDEX "orbit_sessions_sub_idx" ON "space"."orbit_sessions" USING btree ("sub");--> statement-breakpoint
CREATE INDEX "orbit_sessions_expires_idx" ON "space"."orbit_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "timeline_post_idx" ON "space"."timeline" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "timeline_viewer_owner_idx" ON "space"."timeline" USING btree ("viewer_sub","owner_sub");--> statement-breakpoint
CREATE INDEX "visits_owner_recent_idx" ON "space"."visits" USING btree ("owner_sub","last_visit_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "visits_visitor_idx" ON "space"."visits" USING btree ("visitor_sub");