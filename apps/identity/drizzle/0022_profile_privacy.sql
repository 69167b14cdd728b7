-- Issue 19, the privacy centre: three more profile fields on the account, and who sees each profile field.
ALTER TABLE "identity"."accounts" ADD COLUMN "birthday" date;
--> statement-breakpoint
ALTER TABLE "identity"."accounts" ADD COLUMN "location" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "identity"."accounts" ADD COLUMN "gender" text;
--> statement-breakpoint
ALTER TABLE "identity"."accounts" ADD CONSTRAINT "accounts_gender_check" CHECK ("gender" IN ('female', 'male', 'other'));
--> statement-breakpoint
CREATE TABLE "social"."profile_visibility" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"email" text DEFAULT 'only_me' NOT NULL,
	"bio" text DEFAULT 'public' NOT NULL,
	"birthday" text DEFAULT 'friends' NOT NULL,
	"location" text DEFAULT 'friends' NOT NULL,
	"gender" text DEFAULT 'public' NOT NULL,
	"friends_list" text DEFAULT 'friends' NOT NULL,
	"counts" text DEFAULT 'public' NOT NULL,
	"default_audience" text DEFAULT 'public' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "profile_visibility_values_check" CHECK (
		"email" IN ('public', 'friends', 'only_me') AND "bio" IN ('public', 'friends', 'only_me')
		AND "birthday" IN ('public', 'friends', 'only_me') AND "location" IN ('public', 'friends', 'only_me')
		AND "gender" IN ('public', 'friends', 'only_me') AND "friends_list" IN ('public', 'friends', 'only_me')
		AND "counts" IN ('public', 'friends', 'only_me') AND "default_audience" IN ('public', 'friends', 'only_me')
	)
);
--> statement-breakpoint
ALTER TABLE "social"."profile_visibility" ADD CONSTRAINT "profile_visibility_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
