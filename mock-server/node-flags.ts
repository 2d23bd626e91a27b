/**
 * How `npm start` runs the bundled mock: these node flags and this file. The start script in
 * package.json spells them out (a unit test holds the two equal); the benchmark starts the mock the
 * same way from here.
 */
export const MOCK_BUNDLE = 'dist/mock-server.mjs';

// A small young generation and a capped heap: the mock's memory stays flat under load.
export const MOCK_NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=8', '--max-old-space-size=64'];

export const START_SCRIPT = `npm run build --silent && node ${[...MOCK_NODE_FLAGS, MOCK_BUNDLE].join(' ')}`;
