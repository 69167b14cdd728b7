-- Who set each perk a tier grants: 'manifest' (the service's manifest names the value for a default tier) or
-- 'admin' (changed in the console). Registration keeps a tier's manifest-set perks in step with the manifest and
-- never touches an admin's. A key may be 'admin' with no value in "perks": the admin took the perk away.
ALTER TABLE "membership"."tiers" ADD COLUMN "perk_sources" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "membership"."tiers" ADD CONSTRAINT "tiers_perk_sources_object" CHECK (jsonb_typeof("perk_sources") = 'object');--> statement-breakpoint
-- Existing tiers: a default tier nobody edited (updated_at = created_at) holds what the hub seeded, which the
-- manifests now name; any other tier's perks were an admin's choice, and stay so.
UPDATE "membership"."tiers" SET "perk_sources" = coalesce((
  SELECT jsonb_object_agg("key", CASE WHEN "tiers"."updated_at" = "tiers"."created_at" THEN 'manifest' ELSE 'admin' END)
  FROM jsonb_object_keys("tiers"."perks") AS "key"
), '{}'::jsonb);
