CREATE TABLE "membership"."tier_growth_rates" (
	"tier_id" text NOT NULL,
	"per_day" integer NOT NULL,
	"per_day_yearly" integer NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	CONSTRAINT "tier_growth_rates_tier_id_effective_from_pk" PRIMARY KEY("tier_id","effective_from"),
	CONSTRAINT "tier_growth_rates_nonnegative" CHECK ("membership"."tier_growth_rates"."per_day" >= 0 and "membership"."tier_growth_rates"."per_day_yearly" >= 0)
);
--> statement-breakpoint
ALTER TABLE "membership"."tier_growth_rates" ADD CONSTRAINT "tier_growth_rates_tier_id_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "membership"."tiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE FUNCTION "membership"."record_growth_rate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "membership"."tier_growth_rates" ("tier_id", "per_day", "per_day_yearly", "effective_from")
  VALUES (NEW."id", NEW."growth_per_day", NEW."growth_per_day_yearly", NEW."updated_at")
  ON CONFLICT ("tier_id", "effective_from") DO UPDATE
    SET "per_day" = EXCLUDED."per_day", "per_day_yearly" = EXCLUDED."per_day_yearly";
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "tiers_growth_rate_created" AFTER INSERT ON "membership"."tiers"
  FOR EACH ROW EXECUTE FUNCTION "membership"."record_growth_rate"();--> statement-breakpoint
CREATE TRIGGER "tiers_growth_rate_changed" AFTER UPDATE OF "growth_per_day", "growth_per_day_yearly" ON "membership"."tiers"
  FOR EACH ROW
  WHEN (OLD."growth_per_day" IS DISTINCT FROM NEW."growth_per_day"
    OR OLD."growth_per_day_yearly" IS DISTINCT FROM NEW."growth_per_day_yearly")
  EXECUTE FUNCTION "membership"."record_growth_rate"();--> statement-breakpoint
-- Tiers made before this migration: their present rates, from their creation (what growth assumed until now).
INSERT INTO "membership"."tier_growth_rates" ("tier_id", "per_day", "per_day_yearly", "effective_from")
SELECT "id", "growth_per_day", "growth_per_day_yearly", "created_at" FROM "membership"."tiers";
