-- Queue searches (search_text LIKE '%…%') scan this narrow covering index instead of every full order row.
CREATE INDEX orders_search ON orders (state, updated_at, ref, search_text);
