-- Citizen service: inquiries across channels, the forwarded tasks they become, the telephone charter per topic,
-- opening hours, bookings in staff calendars and the calendar subscriptions that show them.

-- The authority's own inquiry topics (beside the case types' KLE topics) and the telephone charter of each topic:
-- what the front line resolves itself, what goes to a caseworker, and the standard answers.
CREATE TABLE contact_topic (
  code              text PRIMARY KEY CHECK (code ~ '^\d{2}\.\d{2}(\.\d{2})?$'),
  name_da           text NOT NULL,
  name_en           text NOT NULL,
  -- Where a forwarded inquiry on the topic goes unless the front line picks another unit.
  unit_id           uuid REFERENCES unit(id),
  can_resolve_da    text NOT NULL DEFAULT '',
  can_resolve_en    text NOT NULL DEFAULT '',
  must_forward_da   text NOT NULL DEFAULT '',
  must_forward_en   text NOT NULL DEFAULT '',
  -- [{ "titleDa", "titleEn", "textDa", "textEn", "link" }]
  standard_answers  jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inquiry (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  received_at        timestamptz NOT NULL,
  channel            text NOT NULL CHECK (channel IN ('counter', 'phone', 'email', 'web_form', 'self_service', 'letter')),
  -- A KLE number, checked by the application (a regular-expression check per row halves bulk-load speed on PGlite).
  topic_code         text NOT NULL,
  -- The unit whose front line took the inquiry (web-form inquiries: the authority's citizen service).
  unit_id            uuid NOT NULL REFERENCES unit(id),
  registered_by      uuid REFERENCES app_user(id),
  citizen_id         uuid REFERENCES app_user(id),
  business_cvr       text CHECK (business_cvr ~ '^\d{8}$'),
  case_id            uuid REFERENCES case_file(id),
  -- May hold a CPR number: never logged, never in an event's attributes.
  note               text NOT NULL DEFAULT '',
  -- open: a web-form or e-mail inquiry the front line has not handled yet.
  result             text NOT NULL CHECK (result IN ('open', 'resolved', 'forwarded', 'referred')),
  referred_to        text,
  forwarded_unit_id  uuid REFERENCES unit(id),
  forwarded_user_id  uuid REFERENCES app_user(id),
  due_date           date,
  answer             text,
  answered_at        timestamptz,
  answered_by        uuid REFERENCES app_user(id),
  outside_hours      boolean NOT NULL DEFAULT false,
  CHECK ((result = 'forwarded') = (forwarded_unit_id IS NOT NULL AND due_date IS NOT NULL)),
  CHECK ((result = 'referred') = (referred_to IS NOT NULL))
);
CREATE INDEX inquiry_received_idx ON inquiry(received_at);
CREATE INDEX inquiry_citizen_idx ON inquiry(citizen_id, received_at) WHERE citizen_id IS NOT NULL;
CREATE INDEX inquiry_task_idx ON inquiry(forwarded_unit_id, due_date) WHERE result IN ('forwarded', 'open') AND answered_at IS NULL;

-- What happened to each inquiry, in order: registered, forwarded, answered, looked up a case. Append-only.
CREATE TABLE inquiry_event (
  id           bigserial PRIMARY KEY,
  inquiry_id   uuid NOT NULL REFERENCES inquiry(id) ON DELETE CASCADE,
  activity     text NOT NULL,
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  actor_id     uuid REFERENCES app_user(id)
);
CREATE INDEX inquiry_event_inquiry_idx ON inquiry_event(inquiry_id, id);

-- Opening and phone hours per site and channel, by weekday (1 = Monday … 7 = Sunday), minutes after midnight.
CREATE TABLE opening_hours (
  site        text NOT NULL,
  channel     text NOT NULL CHECK (channel IN ('counter', 'phone')),
  weekday     smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens_min   smallint NOT NULL CHECK (opens_min BETWEEN 0 AND 1440),
  closes_min  smallint NOT NULL CHECK (closes_min BETWEEN 0 AND 1440),
  CHECK (closes_min > opens_min),
  PRIMARY KEY (site, channel, weekday)
);

-- A day that differs from the week: closed (opens_min NULL), or open on other hours (an extra opening day).
CREATE TABLE opening_exception (
  site        text NOT NULL,
  channel     text NOT NULL CHECK (channel IN ('counter', 'phone')),
  day         date NOT NULL,
  opens_min   smallint CHECK (opens_min BETWEEN 0 AND 1440),
  closes_min  smallint CHECK (closes_min BETWEEN 0 AND 1440),
  reason      text NOT NULL,
  CHECK ((opens_min IS NULL) = (closes_min IS NULL)),
  PRIMARY KEY (site, channel, day)
);

CREATE TABLE appointment_type (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code          text NOT NULL UNIQUE,
  name_da       text NOT NULL,
  name_en       text NOT NULL,
  topic_code    text NOT NULL,
  unit_id       uuid NOT NULL REFERENCES unit(id),
  duration_min  smallint NOT NULL CHECK (duration_min > 0 AND duration_min <= 240 AND duration_min % 15 = 0),
  channel       text NOT NULL CHECK (channel IN ('in_person', 'phone', 'video')),
  active        boolean NOT NULL DEFAULT true
);

-- A staff member's (or a counter's) weekly working hours; bookable time lies inside them.
CREATE TABLE staff_availability (
  user_id     uuid NOT NULL REFERENCES app_user(id),
  weekday     smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  starts_min  smallint NOT NULL CHECK (starts_min BETWEEN 0 AND 1440 AND starts_min % 15 = 0),
  ends_min    smallint NOT NULL CHECK (ends_min BETWEEN 0 AND 1440 AND ends_min % 15 = 0),
  CHECK (ends_min > starts_min),
  PRIMARY KEY (user_id, weekday, starts_min)
);

CREATE TABLE staff_absence (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES app_user(id),
  from_day   date NOT NULL,
  to_day     date NOT NULL CHECK (to_day >= from_day),
  reason     text NOT NULL DEFAULT ''
);
CREATE INDEX staff_absence_user_idx ON staff_absence(user_id, from_day);

CREATE TABLE booking (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  appointment_type_id  uuid NOT NULL REFERENCES appointment_type(id),
  staff_id             uuid NOT NULL REFERENCES app_user(id),
  citizen_id           uuid REFERENCES app_user(id),
  citizen_name         text NOT NULL,
  citizen_email        text,
  starts_at            timestamptz NOT NULL,
  ends_at              timestamptz NOT NULL CHECK (ends_at > starts_at),
  status               text NOT NULL CHECK (status IN ('booked', 'cancelled', 'attended', 'no_show')),
  booked_by            uuid REFERENCES app_user(id),
  booked_at            timestamptz NOT NULL DEFAULT now(),
  -- The first moment a citizen could have booked it: the lead time is starts_at - booked_at.
  cancelled_at         timestamptz,
  rebooked_from        uuid REFERENCES booking(id),
  sequence             integer NOT NULL DEFAULT 0
);
CREATE INDEX booking_staff_idx ON booking(staff_id, starts_at);
CREATE INDEX booking_citizen_idx ON booking(citizen_id, starts_at) WHERE citizen_id IS NOT NULL;

-- Every quarter hour a live booking holds, one row each: the primary key is what makes two bookings of the same
-- time impossible, on every engine and whoever books first (no extension needed for an exclusion constraint).
CREATE TABLE booking_slot (
  staff_id    uuid NOT NULL REFERENCES app_user(id),
  slot_start  timestamptz NOT NULL,
  booking_id  uuid NOT NULL REFERENCES booking(id) ON DELETE CASCADE,
  PRIMARY KEY (staff_id, slot_start)
);
CREATE INDEX booking_slot_booking_idx ON booking_slot(booking_id);

-- A staff member's private calendar subscription: only the token's sha256 is kept; revoked tokens answer 404.
CREATE TABLE calendar_feed_token (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX calendar_feed_token_user_idx ON calendar_feed_token(user_id);
