-- A host application's own first migration, in the schema its connection uses (public).
CREATE TABLE invoice (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    amount numeric NOT NULL
);
