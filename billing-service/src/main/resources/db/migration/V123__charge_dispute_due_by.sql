-- The processor's evidence deadline of a charge's latest dispute (API.md, Charges: dispute.dueBy); null when unknown.
ALTER TABLE charges ADD COLUMN dispute_due_by TIMESTAMP WITH TIME ZONE;
