-- Which requirement of the case type an applicant's document answers (null for casework and free attachments), so
-- what is still missing on a case is read from the case file itself.
ALTER TABLE case_document ADD COLUMN requirement_code text;

-- Documents sent before: the applicant's upload each was made from names it. Every upload made exactly one case
-- document of the same case, content and name, so the n-th of each such group is paired with the n-th of the other.
UPDATE case_document d SET requirement_code = a.requirement_code
FROM (
  SELECT id, case_id, sha256, file_name,
         row_number() OVER (PARTITION BY case_id, sha256, file_name ORDER BY added_at, id) AS n
  FROM case_document WHERE source IN ('application', 'answer')
) dn
JOIN (
  SELECT case_id, sha256, file_name, requirement_code,
         row_number() OVER (PARTITION BY case_id, sha256, file_name ORDER BY uploaded_at, id) AS n
  FROM applicant_document WHERE case_id IS NOT NULL AND removed_at IS NULL
) a ON a.case_id = dn.case_id AND a.sha256 = dn.sha256 AND a.file_name = dn.file_name AND a.n = dn.n
WHERE d.id = dn.id AND a.requirement_code IS NOT NULL;
