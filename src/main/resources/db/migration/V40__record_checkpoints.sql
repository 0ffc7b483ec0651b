-- Signed checkpoints of the record manual (cf. Certificate Transparency's signed tree heads, RFC 9162): every unit's
-- chain head combined into a Merkle root, signed with SM2 by a key the database never holds. Append-only like
-- record_entries (vendor-specific triggers in db/vendor/*/V41__record_checkpoints_append_only.sql); the runtime
-- role needs only SELECT and INSERT on both tables.

create table record_checkpoints (
  -- the checkpoint's number: 1, 2, 3, … without gaps; part of what is signed
  seq             bigint        primary key,
  created_at      timestamp with time zone not null,
  -- how many chain heads (units) the tree has
  tree_size       integer       not null,
  root_hash       varchar(64)   not null,
  -- SM3 fingerprint of the signing key's public part (X.509 SubjectPublicKeyInfo, DER), hex
  key_id          varchar(64)   not null,
  -- the signing key's public part, DER, Base64
  public_key      varchar(400)  not null,
  -- when the key changed: the previous key's fingerprint, and the previous key's signature over the new public key
  previous_key_id varchar(64),
  key_endorsement varchar(200),
  -- SM2 (GM/T 0003, SM3 digest) signature over the canonical statement, DER, Base64
  signature       varchar(200)  not null,
  made_by         varchar(64)   not null
);

-- The leaves of each checkpoint's tree: every unit's chain head when it was made.
create table record_checkpoint_heads (
  checkpoint_seq bigint       not null references record_checkpoints (seq),
  unit_code      varchar(32)  not null,
  seq            bigint       not null,
  head_hash      varchar(128) not null,
  constraint record_checkpoint_heads_pk primary key (checkpoint_seq, unit_code)
);

create index record_checkpoint_heads_unit_idx on record_checkpoint_heads (unit_code, checkpoint_seq);
