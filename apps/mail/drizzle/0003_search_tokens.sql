-- Search documents are built by the application (`@orbit/search`: words, and bigrams over CJK runs), which
-- the database cannot compute, so the generated column goes. Rows start with no document; Mail's start-up
-- backfill fills them in batches, found through the partial index below, which is empty once it is done.
ALTER TABLE "mail"."messages" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "mail"."messages" ADD COLUMN "search" tsvector;--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "mail"."messages" USING gin ("search");--> statement-breakpoint
CREATE INDEX "messages_search_pending_idx" ON "mail"."messages" USING btree ("id") WHERE "mail"."messages"."search" is null;
