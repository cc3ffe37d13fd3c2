// Site tours and owner events: events (filled by the events work).
