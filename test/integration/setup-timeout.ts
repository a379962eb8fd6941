// HTTP scenarios take longer than jest's 5 s default.
jest.setTimeout(240000);
