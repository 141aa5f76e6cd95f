// scripts/build/css.mjs: comments out, strings kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripCssComments } from '../../scripts/build/css.mjs';

test('comments and the blank lines they leave go; strings stay', () => {
  const css = '/* head */\na { content: "/* not a comment */"; }  \n\n/* x */\nb { content: \'a\\\'/*b\'; }\n';
  assert.equal(stripCssComments(css), '\na { content: "/* not a comment */"; }\nb { content: \'a\\\'/*b\'; }\n');
});

test('an unterminated comment is an error naming the file', () => {
  assert.throws(() => stripCssComments('a{} /* open', 'x.css'), /x\.css: unterminated comment/);
});
