-- The update statistics are counted in the appending transaction (a subscribing processor) since V27: the token
-- rows of the pooled processor that counted them before are read by nothing.
DELETE FROM token_entry WHERE processor_name = 'update-statistics';
