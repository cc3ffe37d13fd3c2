// Site tours and owner events: outcome (filled by the events work).
