/** Loads every visitor module (each registers its node types in the visitor tables). */
import './body.js';
import './inline.js';
import './tables.js';
import './sphinx.js';
import './roles.js';
import './kernel.js';
