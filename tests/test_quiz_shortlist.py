"""The take-home shortlist's rule (analysis.quiz.shortlist), without a page."""

from __future__ import annotations

from analysis.quiz.shortlist import REMEMBERED, follow_again, follow_shortlist


def test_it_follows_the_top_three_and_remembers_what_it_wrote():
    first = follow_shortlist(["a", "b", "c", "d"], None, None, [])
    assert first.shown == ["a", "b", "c"] and first.choice is None and first.written == [["a", "b", "c"]]
    moved = follow_shortlist(["a", "b", "d", "c"], first.shown, None, first.written)
    assert moved.shown == ["a", "b", "d"] and moved.choice is None


def test_an_echo_of_an_earlier_list_is_not_an_edit():
    written = [["a", "b", "c"], ["a", "b", "d"]]
    # The browser had not seen the newest list yet and sends back the one before: still following.
    after = follow_shortlist(["a", "d", "b"], ["a", "b", "c"], None, written)
    assert after.shown == ["a", "d", "b"] and after.choice is None


def test_an_edit_is_kept_while_the_ranking_moves_and_drops_what_is_left_out():
    edited = follow_shortlist(["a", "b", "c", "d"], ["d"], None, [["a", "b", "c"]])
    assert edited.shown == ["d"] and edited.choice == ["d"]
    moved = follow_shortlist(["b", "a", "d"], None, edited.choice, edited.written)  # widget not drawn this run
    assert moved.shown == ["d"] and moved.choice == ["d"]
    gone = follow_shortlist(["a", "b", "c"], ["d", "a"], ["d", "a"], edited.written)  # "d" left out by the person
    assert gone.shown == ["a"]


def test_follow_again_makes_the_current_list_an_echo_and_the_memory_stays_bounded():
    written = follow_again(["d"], [["a", "b", "c"]])
    assert follow_shortlist(["a", "b", "c"], ["d"], None, written).choice is None
    many = [[str(i)] for i in range(REMEMBERED)]
    assert len(follow_again(["x"], many)) == REMEMBERED
    assert len(follow_shortlist([str(REMEMBERED)], None, None, many).written) == REMEMBERED
